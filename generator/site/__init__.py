"""Stage 4: build the versions with MkDocs and put the site in place safely."""
