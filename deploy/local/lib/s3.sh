# shellcheck shell=bash
# S3-compatible server: versitygw (Versity S3 Gateway) with its posix backend, built once from the Go
# module proxy into the cache. Buckets are folders under .stack/s3/data.

S3_VERSION="${PRIZEDRAW_VERSITYGW_VERSION:-v1.8.0}"
# PRIZEDRAW_S3_PORT: a private instance of a fault test (test/support/private-s3-server.ts) on a port of its own.
S3_PORT="${PRIZEDRAW_S3_PORT:-9000}"
S3_MARKER="versitygw"
S3_BIN="$STACK_CACHE/versitygw-$S3_VERSION/versitygw"
S3_DIR="$STACK_STATE/s3"
S3_ACCESS_KEY=prizedraw
S3_SECRET_KEY=prizedraw-secret
S3_REGION=us-east-1
S3_BUCKET=sca-submissions

s3_installed() { [[ -x "$S3_BIN" ]]; }

s3_install() {
  need_cmd go "install Go 1.22+ (it builds versitygw from the Go module proxy)"
  say "s3: building versitygw $S3_VERSION from the Go module proxy (once; takes a few minutes)…"
  local tmp="$STACK_CACHE/versitygw-$S3_VERSION.tmp.$$"
  rm -rf "$tmp"
  # Pure Go build (no C compiler needed); into a temp dir first so a failed build leaves nothing behind.
  logged s3 env CGO_ENABLED=0 GOBIN="$tmp" GOFLAGS=-buildvcs=false go install "github.com/versity/versitygw/cmd/versitygw@$S3_VERSION"
  rm -rf "${S3_BIN%/*}" && mv "$tmp" "${S3_BIN%/*}"
}

s3_prepare() {
  require_port_free s3 "$S3_PORT"
  mkdir -p "$S3_DIR/data"
}

s3_launch() {
  # Credentials through the environment, not argv: they would show in `ps` otherwise.
  ROOT_ACCESS_KEY_ID="$S3_ACCESS_KEY" ROOT_SECRET_ACCESS_KEY="$S3_SECRET_KEY" \
    launch s3 "$S3_BIN" --port "127.0.0.1:$S3_PORT" --region "$S3_REGION" --quiet posix "$S3_DIR/data"
}

# An S3 server of a test's own, for tests that crash or restart one (never the shared one on 9000): the
# stack's versitygw and credentials, buckets under $1/data, on port $2. Becomes the server (exec), so the
# caller owns the process; `s3_post_private $1 $2` then creates the bucket exactly as `up` does.
# Run: bash -c 'source deploy/local/lib/common.sh && source deploy/local/lib/s3.sh && s3_exec_private DIR PORT'
s3_exec_private() {
  S3_DIR="$1" S3_PORT="$2"
  s3_installed || die "s3: not installed; run deploy/local/stack up s3 once"
  s3_prepare
  ROOT_ACCESS_KEY_ID="$S3_ACCESS_KEY" ROOT_SECRET_ACCESS_KEY="$S3_SECRET_KEY" \
    exec "$S3_BIN" --port "127.0.0.1:$S3_PORT" --region "$S3_REGION" --quiet posix "$S3_DIR/data"
}

s3_post_private() { S3_DIR="$1" S3_PORT="$2" s3_post; }

# Signed S3 request with curl's built-in SigV4 (no AWS CLI needed).
s3_curl() {
  curl -sS --max-time 10 --aws-sigv4 "aws:amz:$S3_REGION:s3" --user "$S3_ACCESS_KEY:$S3_SECRET_KEY" \
    -H 'x-amz-content-sha256: UNSIGNED-PAYLOAD' "$@"
}

# Ready = an authenticated ListBuckets answers 200.
s3_ready() { [[ "$(s3_curl -o /dev/null -w '%{http_code}' "http://127.0.0.1:$S3_PORT/")" == 200 ]]; }

s3_post() {
  local code
  code="$(s3_curl -o "$S3_DIR/create-bucket.xml" -w '%{http_code}' -X PUT "http://127.0.0.1:$S3_PORT/$S3_BUCKET")"
  case "$code" in
    200) say "s3: created bucket $S3_BUCKET" ;;
    409) grep -q BucketAlreadyOwnedByYou "$S3_DIR/create-bucket.xml" || { cat "$S3_DIR/create-bucket.xml" >&2; return 1; } ;;
    *) warn "s3: creating bucket $S3_BUCKET answered HTTP $code"; cat "$S3_DIR/create-bucket.xml" >&2; return 1 ;;
  esac
}

s3_env() {
  say "export S3_ENDPOINT=http://127.0.0.1:$S3_PORT"
  say "export S3_ACCESS_KEY_ID=$S3_ACCESS_KEY"
  say "export S3_SECRET_ACCESS_KEY=$S3_SECRET_KEY"
  say "export S3_BUCKET=$S3_BUCKET"
  say "export S3_REGION=$S3_REGION"
  # versitygw serves path-style URLs (http://host:port/bucket/key), not bucket.host virtual hosts.
  say "export S3_FORCE_PATH_STYLE=true"
}
