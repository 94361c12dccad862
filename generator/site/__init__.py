"""The build and write phases: build the versions with MkDocs and put the site in place safely."""
