"""From nothing to a bucket: ``new``, ``build`` and ``deploy --to s3://`` against moto's S3
server, then a second release, of which only the new files are sent."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from tests.integration.conftest import run_cli

moto_server = pytest.importorskip("moto.server")
boto3 = pytest.importorskip("boto3")

CREDENTIALS = {
    "AWS_ACCESS_KEY_ID": "testing",
    "AWS_SECRET_ACCESS_KEY": "testing",
    "AWS_DEFAULT_REGION": "us-east-1",
    "AWS_SESSION_TOKEN": "testing",
}
BUCKET = "council-web"
PREFIX = "plans/progress"


@pytest.fixture(scope="module")
def endpoint() -> Iterator[str]:
    """moto's S3 server on 127.0.0.1, on a free port, for this module's tests."""
    server = moto_server.ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()


@pytest.fixture
def s3(endpoint: str, monkeypatch: pytest.MonkeyPatch) -> Any:
    for name, value in CREDENTIALS.items():
        monkeypatch.setenv(name, value)
    client = boto3.client("s3", endpoint_url=endpoint)
    client.create_bucket(Bucket=BUCKET)
    yield client
    for key in _listing(client, ""):
        client.delete_object(Bucket=BUCKET, Key=key)
    client.delete_bucket(Bucket=BUCKET)


def _listing(client: Any, prefix: str) -> dict[str, str]:
    found = {}
    for page in client.get_paginator("list_objects_v2").paginate(Bucket=BUCKET, Prefix=prefix):
        for item in page.get("Contents", []):
            found[item["Key"]] = item["ETag"].strip('"')
    return found


def _site_tree(site: Path) -> set[str]:
    return {
        p.relative_to(site).as_posix()
        for p in site.rglob("*")
        if p.is_file() and not p.relative_to(site).as_posix().startswith(".")
    }


def _cli(*args: str, cwd: Path) -> str:
    env = {**CREDENTIALS}
    done = run_cli(*args, cwd=cwd, env=env)
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


def test_new_build_deploy_then_a_second_release_sends_only_its_files(tmp_path, s3, endpoint):
    target = ["--to", f"s3://{BUCKET}/{PREFIX}", "--endpoint-url", endpoint]
    today = date.today()
    first, later = f"{today:%Y-%m}", today + timedelta(days=40)
    second = f"{later:%Y-%m}"
    _cli("new", "content", cwd=tmp_path)
    _cli("publish", first, cwd=tmp_path)
    _cli("build", cwd=tmp_path)
    site = tmp_path / "site"
    s3.put_object(Bucket=BUCKET, Key="plans/other-page.html", Body=b"not ours")
    s3.put_object(Bucket=BUCKET, Key=f"{PREFIX}/CNAME.txt", Body=b"not ours either")

    out = _cli("deploy", *target, cwd=tmp_path)
    count = len(_site_tree(site))
    assert out == (
        f"Uploaded {count} files and deleted 0 files in s3://{BUCKET}/{PREFIX} (0 unchanged)\n"
    )
    listed = _listing(s3, f"{PREFIX}/")
    assert {k.removeprefix(f"{PREFIX}/") for k in listed} == _site_tree(site) | {
        ".progress-site-deploy.json",
        "CNAME.txt",
    }
    page = s3.head_object(Bucket=BUCKET, Key=f"{PREFIX}/{first}/index.html")
    assert page["ContentType"] == "text/html; charset=utf-8"
    assert page["CacheControl"] == "public, max-age=300"
    versions = s3.head_object(Bucket=BUCKET, Key=f"{PREFIX}/versions.json")
    assert (versions["ContentType"], versions["CacheControl"]) == ("application/json", "no-cache")
    body = s3.get_object(Bucket=BUCKET, Key=f"{PREFIX}/{first}/index.html")["Body"].read()
    assert body == (site / first / "index.html").read_bytes()

    again = _cli("deploy", *target, cwd=tmp_path)
    assert again.startswith("Uploaded 0 files and deleted 0 files")

    _cli("new-release", second, "--date", later.isoformat(), cwd=tmp_path)
    _cli("publish", second, cwd=tmp_path)
    _cli("build", cwd=tmp_path)
    planned = _cli("deploy", *target, "--dry-run", cwd=tmp_path)
    uploads = [line.removeprefix("  upload ") for line in planned.splitlines()[1:]]
    assert uploads and all(not line.startswith("  delete") for line in planned.splitlines())
    assert not [u for u in uploads if u.startswith(f"{first}/")]  # the first release is as it was
    assert {u for u in uploads if u.startswith(f"{second}/")} == {
        p for p in _site_tree(site) if p.startswith(f"{second}/")
    }
    roots = [u for u in uploads if not u.startswith(f"{second}/")]
    assert uploads[-len(roots) :] == roots  # the root files after every file of the new version
    assert uploads[-1] == "versions.json"
    assert {"index.html", "sitemap.xml", "feed.xml"} <= set(roots)
    assert all(r.startswith(("latest/", "feeds/")) or "/" not in r for r in roots)

    out = _cli("deploy", *target, cwd=tmp_path)
    unchanged = len(_site_tree(site)) - len(uploads)
    assert out == (
        f"Uploaded {len(uploads)} files and deleted 0 files in s3://{BUCKET}/{PREFIX} "
        f"({unchanged} unchanged)\n"
    )
    listed = _listing(s3, f"{PREFIX}/")
    assert {k.removeprefix(f"{PREFIX}/") for k in listed} == _site_tree(site) | {
        ".progress-site-deploy.json",
        "CNAME.txt",
    }
    assert "plans/other-page.html" in _listing(s3, "plans/")
    newest = json.loads(s3.get_object(Bucket=BUCKET, Key=f"{PREFIX}/versions.json")["Body"].read())
    assert [v["version"] for v in newest] == [second, first]


def test_a_missing_bucket_is_one_clear_message(tmp_path, s3, endpoint):
    from tests.unit.site.test_deploy import make_site

    site = make_site(tmp_path / "site", ["2015-01"])
    done = run_cli(
        "deploy",
        "--site",
        str(site),
        "--to",
        "s3://no-such-bucket/p",
        "--endpoint-url",
        endpoint,
        env=CREDENTIALS,
    )
    assert (done.returncode, done.stderr) == (
        1,
        "Error: cannot deploy to s3://no-such-bucket/p: NoSuchBucket: The specified bucket does "
        "not exist\n",
    )


def test_a_store_that_does_not_answer_is_one_clear_message(tmp_path):
    from tests.unit.site.test_deploy import make_site

    site = make_site(tmp_path / "site", ["2015-01"])
    done = run_cli(
        "deploy",
        "--site",
        str(site),
        "--to",
        "s3://b/p",
        "--endpoint-url",
        "http://127.0.0.1:9",
        env={**CREDENTIALS, "AWS_MAX_ATTEMPTS": "1"},
    )
    assert done.returncode == 1
    assert done.stderr == (
        "Error: cannot deploy to s3://b/p: Could not connect to the endpoint URL: "
        '"http://127.0.0.1:9/b/p/.progress-site-deploy.json"\n'
    )


def test_a_deploy_cut_short_runs_again_to_the_same_listing(tmp_path, s3, endpoint):
    from generator.errors import ProgressSiteError
    from generator.site.deploy import deploy_to_store
    from generator.site.deploy_s3 import S3Store
    from tests.unit.site.test_deploy import make_site

    class Cut(S3Store):
        left = 5

        def put(self, item):
            if not self.left:
                raise ProgressSiteError("connection lost")
            self.left -= 1
            super().put(item)

    old = make_site(tmp_path / "old", ["2014-10", "2014-06"])
    new = make_site(tmp_path / "new", ["2015-01", "2014-10"], extra="changed")
    target = f"s3://{BUCKET}/{PREFIX}"
    deploy_to_store(old, S3Store(target, endpoint))
    with pytest.raises(ProgressSiteError, match="connection lost"):
        deploy_to_store(new, Cut(target, endpoint))
    half = {k.removeprefix(f"{PREFIX}/") for k in _listing(s3, f"{PREFIX}/")}
    assert any(k.startswith("2015-01/") for k in half) and "2014-06/index.html" in half
    deploy_to_store(new, S3Store(target, endpoint))
    listed = {k.removeprefix(f"{PREFIX}/") for k in _listing(s3, f"{PREFIX}/")}
    assert listed == _site_tree(new) | {".progress-site-deploy.json"}
    for path in _site_tree(new):
        body = s3.get_object(Bucket=BUCKET, Key=f"{PREFIX}/{path}")["Body"].read()
        assert body == (new / path).read_bytes(), path
