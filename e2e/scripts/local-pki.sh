#!/usr/bin/env bash
# Certificates for a local kube-apiserver: a CA, the serving certificate for 127.0.0.1/localhost,
# an admin client certificate (group system:masters) and the service-account signing key pair.
set -euo pipefail
dir=$1
mkdir -p "$dir"
cd "$dir"
[[ -f admin.crt ]] && exit 0
openssl req -x509 -newkey rsa:2048 -nodes -days 365 -subj "/CN=sightline-local-ca" \
  -keyout ca.key -out ca.crt 2>/dev/null
sign() { # sign <name> <subject> [<extfile>]
  openssl req -newkey rsa:2048 -nodes -subj "$2" -keyout "$1.key" -out "$1.csr" 2>/dev/null
  openssl x509 -req -in "$1.csr" -CA ca.crt -CAkey ca.key -CAcreateserial -days 365 \
    ${3:+-extfile "$3"} -out "$1.crt" 2>/dev/null
}
printf 'subjectAltName=IP:127.0.0.1,DNS:localhost,DNS:kubernetes.default.svc\n' >apiserver.ext
sign apiserver "/CN=kube-apiserver" apiserver.ext
sign admin "/O=system:masters/CN=sightline-admin"
openssl genrsa -out sa.key 2048 2>/dev/null
openssl rsa -in sa.key -pubout -out sa.pub 2>/dev/null
