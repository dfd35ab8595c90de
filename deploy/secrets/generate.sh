#!/usr/bin/env bash
# Creates the secrets every omnigate instance shares, once, in [dir] (default: next to this script; never commit them):
# the JWT signing key pair, the database password, the bootstrap admin token, the pickup-code secret.
set -euo pipefail
cd "${1:-$(dirname "$0")}"
[ -f jwt-sign.pem ] || openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out jwt-sign.pem
[ -f jwt-verify.pem ] || openssl pkey -in jwt-sign.pem -pubout -out jwt-verify.pem
[ -f db-password ] || openssl rand -hex 24 > db-password
if [ ! -f omnigate.env ]; then
  {
    echo "QUARKUS_DATASOURCE_PASSWORD=$(cat db-password)"
    echo "OMNIGATE_AUTH_BOOTSTRAP_TOKEN=$(openssl rand -hex 24)"
    echo "OMNIGATE_FULFILLMENT_PICKUP_CODE_SECRET=$(openssl rand -hex 32)"
  } > omnigate.env
fi
chmod 600 jwt-sign.pem db-password omnigate.env
echo "Secrets are in $(pwd)"
