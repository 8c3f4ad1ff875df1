# Shared helpers for ./run, ./test and ./bench. Source it; it defines functions only.

enlace_die() {
  echo "error: $*" >&2
  exit 1
}

enlace_is_root() { [ "$(id -u)" = "0" ]; }

# dotnet must be on PATH: the only thing a new machine is expected to have.
enlace_require_dotnet() {
  command -v dotnet >/dev/null 2>&1 ||
    enlace_die "the .NET SDK 10 is not on PATH. Install it (https://learn.microsoft.com/dotnet/core/install/linux-debian), then run this again."
}

# Prints the folder holding initdb and pg_ctl; installs Debian's postgresql when
# missing and running as root, otherwise says which command installs it.
enlace_pg_bin() {
  local dir
  for dir in $(command -v initdb >/dev/null 2>&1 && dirname "$(command -v initdb)") \
             $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -t/ -k4 -n -r); do
    if [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ]; then
      echo "$dir"
      return 0
    fi
  done
  if enlace_is_root; then
    echo "PostgreSQL is not installed: installing Debian's postgresql package..." >&2
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql) >&2 ||
      enlace_die "could not install PostgreSQL. Run: apt-get update && apt-get install -y postgresql"
    enlace_pg_bin
    return $?
  fi
  enlace_die "PostgreSQL server binaries (initdb, pg_ctl) are missing. Install them with: sudo apt-get update && sudo apt-get install -y postgresql"
}

# The user PostgreSQL runs as: initdb and postgres refuse to run as root.
enlace_pg_user() {
  if enlace_is_root; then
    id postgres >/dev/null 2>&1 || useradd --system --home-dir /var/lib/postgresql --shell /usr/sbin/nologin postgres
    echo postgres
  else
    id -un
  fi
}

# Runs a PostgreSQL binary as the PostgreSQL user (from /: it may not reach the current folder).
enlace_pg_as() {
  local user="$1"
  shift
  if [ "$user" = "$(id -un)" ]; then
    "$@"
  else
    (cd / && runuser -u "$user" -- "$@")
  fi
}

# True when the PostgreSQL user can reach (pass every folder down to) the folder $2.
enlace_pg_can_reach() {
  enlace_pg_as "$1" test -x "$2"
}

# The PostgreSQL cluster folder of data folder DIR, as the path USER reaches it by: DIR/pg when
# USER can reach DIR; otherwise (DIR is under a folder private to root, such as root's home or
# a mktemp -d folder) a store under /var/lib/enlace, linked from DIR/pg. A link DIR/pg made
# before is followed. Creates the folder (owned by USER, mode 700) and prints its resolved path:
# initdb and pg_ctl must be given that path, since USER cannot pass the link's private parents.
enlace_pg_cluster_dir() {
  local dir="$1" user="$2" cluster
  if [ ! -e "$dir/pg" ] && [ ! -L "$dir/pg" ] && ! enlace_pg_can_reach "$user" "$dir"; then
    ln -sfn "/var/lib/enlace/$(echo -n "$dir" | sha1sum | cut -c1-16)/pg" "$dir/pg"
  fi
  cluster="$(readlink -m "$dir/pg")"
  case "$cluster" in
    /var/lib/enlace/*/pg)
      # The store: the cluster and its server log, in folders USER can pass and write.
      mkdir -p "${cluster%/pg}"
      chmod 755 /var/lib/enlace "${cluster%/pg}"
      chown "$user" "${cluster%/pg}"
      ;;
  esac
  mkdir -p "$cluster"
  chown "$user" "$cluster" 2>/dev/null || true
  chmod 700 "$cluster"
  enlace_pg_can_reach "$user" "$cluster" ||
    enlace_die "the PostgreSQL user ($user) cannot reach $cluster; remove $dir/pg or point it at a folder $user can reach"
  echo "$cluster"
}

# The PostgreSQL server log of a cluster: LOGS/postgresql.log when USER can reach LOGS, otherwise
# postgresql.log next to the cluster folder CLUSTER, linked from LOGS/postgresql.log. Creates the
# file (writable by USER) and prints its resolved path, for pg_ctl -l.
enlace_pg_server_log() {
  local logs="$1" user="$2" cluster="$3" file
  if [ ! -L "$logs/postgresql.log" ] && ! enlace_pg_can_reach "$user" "$logs"; then
    ln -sfn "$(dirname "$cluster")/postgresql.log" "$logs/postgresql.log"
  fi
  file="$(readlink -m "$logs/postgresql.log")"
  touch "$file"
  chown "$user" "$file" 2>/dev/null || true
  echo "$file"
}

# One line saying where the cluster of data folder DIR lives (and its server log, when linked).
enlace_pg_where() {
  local dir="$1" cluster="$2" log="$3"
  if [ -L "$dir/pg" ]; then
    echo "PostgreSQL cluster: $cluster (linked from $dir/pg; server log $log)"
  else
    echo "PostgreSQL cluster: $cluster"
  fi
}

# True when something accepts TCP connections on 127.0.0.1:$1.
enlace_port_busy() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# The HTTP status of a GET on a loopback URL path, with curl when present.
enlace_http_status() {
  local port="$1" path="$2"
  if command -v curl >/dev/null 2>&1; then
    curl -s -o /dev/null -m 5 -w '%{http_code}' "http://127.0.0.1:$port$path" || true
  else
    (
      exec 3<>"/dev/tcp/127.0.0.1/$port" || exit 0
      printf 'GET %s HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n' "$path" >&3
      timeout 5 head -n 1 <&3 | awk '{print $2}'
    ) 2>/dev/null || true
  fi
}

# node and npm, for the web UI's build (WebGateway/ClientApp) and the OpenAPI lint;
# installs Debian's packages when missing and running as root.
enlace_require_node() {
  if command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1; then
    return 0
  fi
  if enlace_is_root; then
    echo "Node.js is not installed: installing Debian's nodejs and npm packages..." >&2
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm) >&2 ||
      enlace_die "could not install Node.js. Run: apt-get update && apt-get install -y nodejs npm"
    return 0
  fi
  enlace_die "Node.js and npm are missing. Install them with: sudo apt-get update && sudo apt-get install -y nodejs npm"
}

# Debian's Chromium, which the browser tests drive with Playwright; installed when
# missing and running as root.
enlace_require_chromium() {
  if [ -x /usr/bin/chromium ]; then
    return 0
  fi
  if enlace_is_root; then
    echo "Chromium is not installed: installing Debian's chromium package (browser tests)..." >&2
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium) >&2 ||
      enlace_die "could not install Chromium. Run: apt-get update && apt-get install -y chromium"
    return 0
  fi
  enlace_die "Chromium is missing (browser tests). Install it with: sudo apt-get update && sudo apt-get install -y chromium"
}

# Debian's aiosmtpd (a real SMTP server on loopback for the notification tests), run with
# Debian's own /usr/bin/python3, never another python3 on PATH.
enlace_require_aiosmtpd() {
  if /usr/bin/python3 -c "import aiosmtpd" >/dev/null 2>&1; then
    return 0
  fi
  if enlace_is_root; then
    echo "aiosmtpd is not installed: installing Debian's python3-aiosmtpd package (e-mail tests)..." >&2
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-aiosmtpd) >&2 ||
      enlace_die "could not install aiosmtpd. Run: apt-get update && apt-get install -y python3-aiosmtpd"
    return 0
  fi
  enlace_die "aiosmtpd is missing (e-mail tests). Install it with: sudo apt-get update && sudo apt-get install -y python3-aiosmtpd"
}

# Password authentication (SCRAM) for Enlace's least-privilege roles on the running cluster
# CLUSTER (PostgreSQL binaries BIN, run as USER, listening on 127.0.0.1:PORT, superuser
# "postgres" trusted on loopback for the administrative setup). With openssl present the server
# also gets TLS (a self-signed certificate made once in the cluster folder) and the roles may
# connect over TLS only. Rewrites its own block at the top of pg_hba.conf, reloads, and prints
# the Npgsql SSL Mode the roles' connection strings need: Require, or Disable without openssl.
enlace_pg_role_auth() {
  local bin="$1" user="$2" cluster="$3" port="$4" mode=Disable kind=host hba rest psql
  # BIN may hold links to initdb and pg_ctl only (/usr/local/bin): psql sits beside their target.
  psql="$(dirname "$(readlink -f "$bin/initdb")")/psql"
  [ -x "$psql" ] || psql="$(command -v psql)" || enlace_die "psql is missing. Install it with: apt-get install -y postgresql-client"
  psql="$psql -X -h 127.0.0.1 -p $port -U postgres -d postgres -qAt"
  if command -v openssl >/dev/null 2>&1; then
    if ! enlace_pg_as "$user" test -f "$cluster/server.key"; then
      enlace_pg_as "$user" openssl req -x509 -newkey rsa:2048 -nodes -days 3650 -subj "/CN=127.0.0.1" \
        -keyout "$cluster/server.key" -out "$cluster/server.crt" >/dev/null 2>&1 ||
        enlace_die "openssl could not create the PostgreSQL server certificate in $cluster"
      enlace_pg_as "$user" chmod 600 "$cluster/server.key"
    fi
    $psql -c "ALTER SYSTEM SET ssl = on" >/dev/null ||
      enlace_die "could not turn on TLS in PostgreSQL"
    mode=Require
    kind=hostssl
  fi
  hba="# BEGIN enlace roles (./run rewrites this block)
$kind all enlace_silo,enlace_gateway 127.0.0.1/32 scram-sha-256"
  [ "$kind" = hostssl ] && hba="$hba
host all enlace_silo,enlace_gateway 127.0.0.1/32 reject"
  hba="$hba
host all enlace_silo,enlace_gateway ::1/128 reject
# END enlace roles"
  # First match wins: the block goes above initdb's "trust" lines, which keep the superuser's setup working.
  rest="$(enlace_pg_as "$user" cat "$cluster/pg_hba.conf" | sed '/^# BEGIN enlace roles/,/^# END enlace roles/d')" ||
    enlace_die "could not read $cluster/pg_hba.conf"
  printf '%s\n%s\n' "$hba" "$rest" | enlace_pg_as "$user" tee "$cluster/pg_hba.conf" >/dev/null ||
    enlace_die "could not write $cluster/pg_hba.conf"
  $psql -c "SELECT pg_reload_conf()" >/dev/null ||
    enlace_die "could not reload PostgreSQL's configuration"
  echo "$mode"
}

# A throwaway PostgreSQL cluster in DIR/pg (logs in DIR/logs; both in a store under
# /var/lib/enlace, linked from there, when the PostgreSQL user cannot reach DIR), durable
# settings, on the first free port from 56432; prints the port. Extra server options may follow.
# Stop it with enlace_pg_throwaway_stop DIR.
enlace_pg_throwaway_start() {
  local dir="$1"; shift
  local bin user port cluster log
  bin="$(enlace_pg_bin)" || return 1
  user="$(enlace_pg_user)"
  mkdir -p "$dir/logs"
  chmod 755 "$dir" "$dir/logs"
  cluster="$(enlace_pg_cluster_dir "$dir" "$user")" || return 1
  enlace_pg_as "$user" "$bin/initdb" -D "$cluster" -U postgres --auth=trust --encoding=UTF8 >"$dir/logs/initdb.log" 2>&1 ||
    enlace_die "initdb failed; see $dir/logs/initdb.log"
  port=56432
  while enlace_port_busy "$port"; do port=$((port + 1)); done
  log="$(enlace_pg_server_log "$dir/logs" "$user" "$cluster")" || return 1
  enlace_pg_as "$user" "$bin/pg_ctl" -D "$cluster" -l "$log" -w -t 60 \
    -o "-p $port -c listen_addresses=127.0.0.1 -c unix_socket_directories='' $*" start >/dev/null ||
    enlace_die "PostgreSQL did not start; see $log"
  echo "$port"
}

# Stops the throwaway cluster of enlace_pg_throwaway_start (immediately: its data is thrown
# away) and removes its store, if it had one.
enlace_pg_throwaway_stop() {
  local cluster
  cluster="$(readlink -m "$1/pg")"
  enlace_pg_as "$(enlace_pg_user)" "$(enlace_pg_bin)/pg_ctl" -D "$cluster" -m immediate -w stop >/dev/null 2>&1 || true
  case "$cluster" in
    /var/lib/enlace/*/pg) [ -L "$1/pg" ] && rm -rf "${cluster%/pg}" ;;
  esac
  return 0
}
