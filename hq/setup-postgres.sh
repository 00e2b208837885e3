#!/usr/bin/env bash
# Local PostgreSQL for the head office, on a Debian machine with the `postgresql` package (15):
# starts the cluster (the server itself runs as the `postgres` user; it refuses root) and creates
#   happyhead      / happyhead_hq   — what `npm run hq` connects to by default;
#   happyhead_test / happyhead_test — what the tests connect to (CREATEDB: each test file makes its own database).
# Both listen on loopback only (Debian's default listen_addresses = 'localhost'). Run as root.
set -euo pipefail
version="${PG_VERSION:-15}"
if ! pg_lsclusters -h | awk -v v="$version" '$1 == v && $2 == "main"' | grep -q .; then
  pg_createcluster "$version" main
fi
if ! pg_lsclusters -h | awk -v v="$version" '$1 == v && $2 == "main" && $4 == "online"' | grep -q .; then
  pg_ctlcluster "$version" main start
fi
psql_pg() { su postgres -c "psql -v ON_ERROR_STOP=1 -qAt $*"; }
for pair in "happyhead:happyhead_hq:NOCREATEDB" "happyhead_test:happyhead_test:CREATEDB"; do
  IFS=: read -r role db createdb <<<"$pair"
  if [ -z "$(psql_pg "-c \"SELECT 1 FROM pg_roles WHERE rolname = '$role'\"")" ]; then
    psql_pg "-c \"CREATE ROLE $role LOGIN $createdb PASSWORD '$role'\""
  fi
  if [ -z "$(psql_pg "-c \"SELECT 1 FROM pg_database WHERE datname = '$db'\"")" ]; then
    psql_pg "-c \"CREATE DATABASE $db OWNER $role\""
  fi
done
echo "PostgreSQL $version: happyhead_hq and happyhead_test ready on 127.0.0.1:5432"
