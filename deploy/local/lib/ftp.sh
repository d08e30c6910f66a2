# shellcheck shell=bash
# FTP server: vsftpd from Debian's packages on 127.0.0.1:2121, explicit TLS available (self-signed cert),
# user prizedraw/prizedraw jailed in .stack/ftp/root.

FTP_PORT=2121
FTP_MARKER="vsftpd"
FTP_DIR="$STACK_STATE/ftp"
FTP_USER=prizedraw
FTP_PASSWORD=prizedraw
# Our own PAM service: Debian's /etc/pam.d/vsftpd requires a login shell (pam_shells) and consults
# /etc/ftpusers; a no-login account for tests needs neither.
FTP_PAM_FILE=/etc/pam.d/prizedraw-ftp
FTP_HOME_DIR=/var/lib/prizedraw-ftp

ftp_bin() {
  command -v vsftpd 2>/dev/null && return 0
  [[ -x /usr/sbin/vsftpd ]] && { echo /usr/sbin/vsftpd; return 0; }
  return 1
}

ftp_installed() { ftp_bin >/dev/null; }

ftp_install() {
  say "ftp: installing vsftpd from Debian packages…"
  logged ftp apt_install vsftpd
}

# System user, password and PAM file: created once, left alone after (idempotent).
ftp_ensure_account() {
  [[ "$(id -u)" == 0 ]] || die "ftp: creating the FTP user needs root"
  # vsftpd enters the home directory before local_root, so it must exist; it stays empty (the files
  # go to each clone's .stack/ftp/root, the user is shared by all clones on the machine).
  mkdir -p "$FTP_HOME_DIR"
  if ! id "$FTP_USER" >/dev/null 2>&1; then
    say "ftp: creating system user $FTP_USER (no login shell) for FTP logins"
    useradd --system --no-create-home --home-dir "$FTP_HOME_DIR" --shell /usr/sbin/nologin "$FTP_USER"
    echo "$FTP_USER:$FTP_PASSWORD" | chpasswd
  fi
  local pam='# written by prizedraw deploy/local/stack: password check only, for the test FTP user
auth    required pam_unix.so
account required pam_unix.so
session required pam_permit.so'
  [[ -f "$FTP_PAM_FILE" && "$(<"$FTP_PAM_FILE")" == "$pam" ]] || printf '%s\n' "$pam" >"$FTP_PAM_FILE"
}

ftp_prepare() {
  require_port_free ftp "$FTP_PORT"
  need_cmd openssl "install openssl (Debian: apt-get install openssl); it makes the FTPS certificate"
  ftp_ensure_account
  mkdir -p "$FTP_DIR/root" "$FTP_DIR/empty" "$FTP_DIR/tls"
  chown "$FTP_USER:" "$FTP_DIR/root"
  chmod 755 "$FTP_DIR/empty"
  if [[ ! -f "$FTP_DIR/tls/cert.pem" ]]; then
    say "ftp: generating a self-signed TLS certificate for 127.0.0.1"
    openssl req -x509 -newkey rsa:2048 -nodes -days 3650 -subj "/CN=127.0.0.1" \
      -addext "subjectAltName=IP:127.0.0.1,DNS:localhost" \
      -keyout "$FTP_DIR/tls/key.pem" -out "$FTP_DIR/tls/cert.pem" >>"$(log_file ftp)" 2>&1
    chmod 600 "$FTP_DIR/tls/key.pem"
  fi
  sed "s|@STATE@|$FTP_DIR|g" "$STACK_HOME/ftp/vsftpd.conf.tmpl" >"$FTP_DIR/vsftpd.conf"
  # vsftpd refuses a config file not owned by the user running it.
  chown root: "$FTP_DIR/vsftpd.conf"
}

ftp_launch() { launch ftp "$(ftp_bin)" "$FTP_DIR/vsftpd.conf"; }

# Ready = the server greets with "220".
ftp_ready() {
  # Subshell: a failed connect must not touch the caller's file descriptors.
  (
    exec 3<>"/dev/tcp/127.0.0.1/$FTP_PORT" || exit 1
    IFS= read -r -t 3 line <&3 || exit 1
    [[ "$line" == 220* ]]
  )
}

ftp_env() {
  say "export FTP_HOST=127.0.0.1"
  say "export FTP_PORT=$FTP_PORT"
  say "export FTP_USER=$FTP_USER"
  say "export FTP_PASSWORD=$FTP_PASSWORD"
  # Explicit TLS (AUTH TLS) is available, not required; plain FTP works too.
  say "export FTP_SECURE=explicit"
  say "export FTP_TLS_CA_FILE=$FTP_DIR/tls/cert.pem"
  say "export FTP_ROOT_DIR=$FTP_DIR/root"
}
