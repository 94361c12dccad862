"""An S3 bucket (AWS S3, MinIO or any S3-compatible store) as a place to deploy to.

boto3 finds credentials in its usual chain (environment, shared config files, instance
roles); none are ever written by progress-site. Every error the store reports becomes one
message naming the bucket and prefix.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import SplitResult, urlsplit

from generator.errors import ProgressSiteError
from generator.site.deploy_files import SiteFile, odd_characters, plain_path, spelled

BUCKET = re.compile(r"[a-zA-Z0-9.\-_]{1,255}")
"""The characters boto3 accepts in a bucket's name (AWS itself takes fewer)."""


def _split(address: str) -> SplitResult | None:
    """``address`` split into its parts, or None when it cannot be (``http://[::1``)."""
    try:
        return urlsplit(address)
    except ValueError:
        return None


def parse_s3(target: str) -> tuple[str, str]:
    """``s3://BUCKET/PREFIX`` as (bucket, prefix without slashes at either end)."""
    if odd_characters(target):
        # urlsplit would quietly drop a line break or tab: s3://b\nc/x is not s3://bc/x
        raise ProgressSiteError(
            f"--to {spelled(target)}: holds a control character, a line break or a backslash"
        )
    parts = _split(target)
    if parts is None or parts.scheme != "s3" or not parts.netloc or parts.query or parts.fragment:
        raise ProgressSiteError(f"--to {spelled(target)}: expected s3://BUCKET/PREFIX")
    if not BUCKET.fullmatch(parts.netloc):
        raise ProgressSiteError(
            f"--to {spelled(target)}: '{spelled(parts.netloc)}' is not a bucket name (letters, "
            "digits, '.', '-' and '_')"
        )
    prefix = parts.path.strip("/")
    if prefix and not plain_path(prefix):
        raise ProgressSiteError(
            f"--to {spelled(target)}: the prefix must be folder names, without '.', '..', "
            "empty names, backslashes or control characters"
        )
    return parts.netloc, prefix


@contextlib.contextmanager
def _reported(name: str) -> Iterator[None]:
    from botocore.exceptions import BotoCoreError, ClientError

    try:
        yield
    except ClientError as exc:
        error = exc.response.get("Error", {})
        reason = f"{error.get('Code', 'error')}: {error.get('Message', '')}".rstrip(": ")
        raise ProgressSiteError(f"cannot deploy to {name}: {reason}") from None
    except BotoCoreError as exc:
        said = " ".join(str(exc).split())  # boto3's own messages may span lines
        raise ProgressSiteError(f"cannot deploy to {name}: {said}") from None


class S3Store:
    workers = 8
    """Files sent at once within a stage of the deploy (a boto3 client is thread-safe)."""

    def __init__(self, target: str, endpoint_url: str | None = None) -> None:
        self.bucket, self.prefix = parse_s3(target)
        self.name = spelled(f"s3://{self.bucket}/{self.prefix}".rstrip("/"))
        try:
            import boto3
        except ImportError:
            raise ProgressSiteError(
                "deploying to S3 needs boto3: pip install 'progress-site[s3]'"
            ) from None
        if endpoint_url is not None:
            parts = _split(endpoint_url)
            if (
                parts is None
                or parts.scheme not in ("http", "https")
                or not parts.netloc
                or odd_characters(endpoint_url)
            ):
                raise ProgressSiteError(
                    f"--endpoint-url {spelled(endpoint_url)}: expected an address such as "
                    "https://s3.example.gov.uk or http://127.0.0.1:9000"
                )
        with _reported(self.name):
            try:
                self.client: Any = boto3.client("s3", endpoint_url=endpoint_url)
            except ValueError as exc:  # botocore's "Invalid endpoint"
                raise ProgressSiteError(
                    f"--endpoint-url {spelled(str(endpoint_url))}: {exc}"
                ) from None

    @contextlib.contextmanager
    def locked(self) -> Iterator[None]:
        """A bucket has no lock: deploys to one prefix must not run at once."""
        yield

    def key(self, path: str) -> str:
        return f"{self.prefix}/{path}" if self.prefix else path

    def read(self, path: str) -> bytes | None:
        with _reported(self.name):
            try:
                found = self.client.get_object(Bucket=self.bucket, Key=self.key(path))
            except self.client.exceptions.NoSuchKey:
                return None
            return bytes(found["Body"].read())

    def put(self, item: SiteFile) -> None:
        try:
            body = item.source.open("rb")
        except OSError as exc:
            raise ProgressSiteError(
                f"cannot read {item.source}: {exc.strerror or exc}; deploy again to finish"
            ) from None
        with _reported(self.name), body:
            self.client.put_object(
                Bucket=self.bucket,
                Key=self.key(item.path),
                Body=body,
                ContentType=item.content_type,
                CacheControl=item.cache_control,
            )

    def put_bytes(self, path: str, data: bytes) -> None:
        with _reported(self.name):
            self.client.put_object(
                Bucket=self.bucket,
                Key=self.key(path),
                Body=data,
                ContentType="application/json",
                CacheControl="no-store",
            )

    def delete(self, path: str) -> None:
        with _reported(self.name):
            self.client.delete_object(Bucket=self.bucket, Key=self.key(path))
