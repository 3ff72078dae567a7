#!/usr/bin/env bash
# The PostGIS peer: ST_ClusterKMeans(geom, k) OVER (PARTITION BY authority) with PlaceKit's k rule, on a throwaway
# PostgreSQL server of its own.
#
#   benchmarks/peers/kmeans_postgis.sh CSV [--target 450] [--keep-log]
#
# Reads a CSV with the header id,easting,northing,authority. Starts a fresh PostgreSQL 15 cluster in a new folder under
# /tmp on a free port (Unix socket in that folder only, no TCP), loads the CSV with COPY, computes
# k = max(1, round(n / target)) per authority (half away from zero), capped at the authority's distinct locations, runs
# ST_ClusterKMeans partitioned by authority, computes the total inertia (sum of squared distances from each home to the
# mean of its cluster), and prints key=value lines like kmeans_sklearn.py: homes, authorities, clusters, inertia,
# load_seconds, cluster_seconds (the clustering query alone), script_seconds, server_cpu_seconds (the server's user +
# system CPU, its ended backends included). The server is stopped and its folder removed at the end, also on failure or
# Ctrl+C. Run as root it runs the server as the 'postgres' user (PostgreSQL refuses root); else as the calling user.
#
# Needs Debian's postgresql-15-postgis-3 (benchmarks/peers/install.sh --postgis installs it). Not part of CI.
set -euo pipefail
T0=$(date +%s.%N)

csv=""
target=450
keep_log=0
while [ $# -gt 0 ]; do
  case "$1" in
    --target) target="$2"; shift 2 ;;
    --keep-log) keep_log=1; shift ;;
    -h|--help) sed -n '2,17p' "$0"; exit 0 ;;
    -*) echo "kmeans_postgis.sh: unknown option $1" >&2; exit 2 ;;
    *) csv="$1"; shift ;;
  esac
done
[ -n "$csv" ] || { echo "usage: kmeans_postgis.sh CSV [--target 450]" >&2; exit 2; }
[ -r "$csv" ] || { echo "kmeans_postgis.sh: cannot read $csv" >&2; exit 2; }
case "$target" in ''|*[!0-9]*|0) echo "kmeans_postgis.sh: --target must be a positive integer, was '$target'" >&2; exit 2 ;; esac

PGBIN=/usr/lib/postgresql/15/bin
[ -x "$PGBIN/initdb" ] || { echo "kmeans_postgis.sh: PostgreSQL 15 not found in $PGBIN (install postgresql-15-postgis-3)" >&2; exit 3; }
[ -f /usr/share/postgresql/15/extension/postgis.control ] || { echo "kmeans_postgis.sh: PostGIS for PostgreSQL 15 not installed (postgresql-15-postgis-3)" >&2; exit 3; }

as_db=()
if [ "$(id -u)" -eq 0 ]; then as_db=(runuser -u postgres --); fi

dir=$(mktemp -d /tmp/placekit-postgis-XXXXXX)
chmod 755 "$dir"
if [ ${#as_db[@]} -gt 0 ]; then chown postgres "$dir"; fi
data="$dir/data"
log="$dir/server.log"
started=0
cleanup() {
  local rc=$?
  if [ "$started" = 1 ]; then "${as_db[@]}" "$PGBIN/pg_ctl" -D "$data" -m immediate -w stop >/dev/null 2>&1 || true; fi
  if [ "$keep_log" = 1 ] && [ -f "$log" ]; then cp "$log" "/tmp/placekit-postgis-last.log" || true; fi
  rm -rf "$dir"
  exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# A free port: the first of 55432.. with nothing listening (Unix socket only, so this only has to avoid other servers'
# lock files in our own folder; the port still names the socket file).
port=55432
while [ -e "/tmp/.s.PGSQL.$port" ] || [ -e "$dir/.s.PGSQL.$port" ]; do port=$((port + 1)); done

"${as_db[@]}" "$PGBIN/initdb" -D "$data" -U bench --auth=trust --no-sync -E UTF8 --locale=C >/dev/null
"${as_db[@]}" "$PGBIN/pg_ctl" -D "$data" -l "$log" -w -o "-p $port -k $dir -c listen_addresses='' -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c shared_buffers=512MB -c work_mem=512MB -c maintenance_work_mem=512MB -c max_parallel_workers_per_gather=0 -c jit=off" start >/dev/null
started=1
server_pid=$(head -1 "$data/postmaster.pid")

psql_run() { "${as_db[@]}" psql -h "$dir" -p "$port" -U bench -d postgres -X -q -v ON_ERROR_STOP=1 "$@"; }

psql_run -c "CREATE EXTENSION postgis;" >/dev/null
postgis_version=$(psql_run -At -c "SELECT postgis_lib_version();")

# Load: COPY from our standard input (the client reads the file, so the server user need not).
t_load=$(date +%s.%N)
psql_run -c "CREATE UNLOGGED TABLE homes (id text, easting float8, northing float8, authority text);" >/dev/null
psql_run -c "COPY homes FROM STDIN WITH (FORMAT csv, HEADER true);" < "$csv" >/dev/null
psql_run <<'SQL' >/dev/null
ALTER TABLE homes ADD COLUMN geom geometry(Point);
UPDATE homes SET geom = ST_MakePoint(easting, northing);
CREATE UNLOGGED TABLE ks AS
  SELECT authority, count(*) AS n, count(DISTINCT (easting, northing)) AS distinct_locations FROM homes GROUP BY authority;
VACUUM ANALYZE homes;
SQL
load_seconds=$(awk -v a="$(date +%s.%N)" -v b="$t_load" 'BEGIN { printf "%.4f", a - b }')

# Cluster: the query alone, timed by the server. k = max(1, round(n / target)) half away from zero, capped.
out=$(psql_run -At -F '=' -v target="$target" <<'SQL'
SELECT clock_timestamp() AS t0 \gset
CREATE UNLOGGED TABLE assigned AS
  SELECT h.authority, h.easting, h.northing,
         ST_ClusterKMeans(h.geom, GREATEST(1, LEAST(floor(k.n::float8 / :target + 0.5)::int, k.distinct_locations::int)))
           OVER (PARTITION BY h.authority) AS cid
  FROM homes h JOIN ks k USING (authority);
SELECT 'cluster_seconds', extract(epoch FROM clock_timestamp() - :'t0'::timestamptz);
SELECT 'homes', count(*) FROM assigned;
SELECT 'authorities', count(DISTINCT authority) FROM assigned;
SELECT 'clusters', count(*) FROM (SELECT DISTINCT authority, cid FROM assigned) c;
SELECT 'unassigned', count(*) FROM assigned WHERE cid IS NULL;
WITH c AS (
  SELECT easting, northing,
         avg(easting) OVER (PARTITION BY authority, cid) AS cx, avg(northing) OVER (PARTITION BY authority, cid) AS cy
  FROM assigned)
SELECT 'inertia', sum((easting - cx) ^ 2 + (northing - cy) ^ 2)::text FROM c;
SQL
)
# The server's CPU: the postmaster's own plus its reaped children's (every backend has ended by now; the still-running
# background workers' share, small, is not counted). /proc/PID/stat fields 14-17, in clock ticks.
server_cpu_seconds=$(awk -v hz="$(getconf CLK_TCK)" '{ sub(/^.*\) /, ""); printf "%.2f", ($12 + $13 + $14 + $15) / hz }' "/proc/$server_pid/stat")
"${as_db[@]}" "$PGBIN/pg_ctl" -D "$data" -m fast -w stop >/dev/null
started=0
echo "peer=PostGIS $postgis_version ST_ClusterKMeans(geom, k) OVER (PARTITION BY authority)"
echo "threads=1"
echo "$out"
echo "load_seconds=$load_seconds"
echo "server_cpu_seconds=$server_cpu_seconds"
echo "script_seconds=$(awk -v a="$(date +%s.%N)" -v b="$T0" 'BEGIN { printf "%.4f", a - b }')"
