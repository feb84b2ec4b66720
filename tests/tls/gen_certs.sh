#!/bin/sh
# tests/tls/gen_certs.sh DIR : test PKI for tests/unit/test_tls.c, made with
# the openssl CLI at test time (nothing secret is committed).
#   ca.pem / ca.der     test CA (EC P-256)
#   srv.pem srv.key     leaf for DNS:localhost (EC P-256, ECDHE-ECDSA)
#   rsa.pem rsa.key     leaf for DNS:localhost (RSA-2048, ECDHE-RSA)
#   other.pem other.key leaf for DNS:other.example (host name mismatch)
#   expired.pem .key    leaf for DNS:localhost, valid 2020-01-01..2021-01-01
#   ca2.pem             an unrelated CA (wrong trust anchor)
set -e
d=$1
[ -n "$d" ] || { echo "usage: $0 DIR" >&2; exit 2; }
mkdir -p "$d"
cd "$d"
ec() { openssl ecparam -name prime256v1 -genkey -noout -out "$1" 2>/dev/null; }

ec ca.key
openssl req -x509 -new -key ca.key -sha256 -days 3650 -subj "/CN=asc test CA" \
    -addext "basicConstraints=critical,CA:TRUE" \
    -addext "keyUsage=critical,keyCertSign,cRLSign" -out ca.pem 2>/dev/null
openssl x509 -in ca.pem -outform DER -out ca.der
ec ca2.key
openssl req -x509 -new -key ca2.key -sha256 -days 3650 -subj "/CN=asc other CA" \
    -addext "basicConstraints=critical,CA:TRUE" -out ca2.pem 2>/dev/null

# Minimal `openssl ca` setup: the only portable way (openssl 3.0) to pick
# arbitrary validity dates for the expired certificate.
mkdir -p ca.db
: > ca.db/index.txt
echo 1000 > ca.db/serial
cat > ca.cnf <<CNF
[ ca ]
default_ca = tca
[ tca ]
dir = .
database = ca.db/index.txt
serial = ca.db/serial
new_certs_dir = ca.db
certificate = ca.pem
private_key = ca.key
default_md = sha256
policy = pol
copy_extensions = copy
unique_subject = no
x509_extensions = leaf
[ pol ]
commonName = supplied
[ leaf ]
basicConstraints = CA:FALSE
keyUsage = critical, digitalSignature, keyEncipherment
extendedKeyUsage = serverAuth
CNF

leaf() { # name keyfile cn san [startdate enddate]
    openssl req -new -key "$2" -subj "/CN=$3" -addext "subjectAltName=$4" \
        -out "$1.csr" 2>/dev/null
    if [ -n "$5" ]; then
        openssl ca -batch -config ca.cnf -in "$1.csr" -out "$1.pem" -notext \
            -startdate "$5" -enddate "$6" >/dev/null 2>&1
    else
        openssl ca -batch -config ca.cnf -in "$1.csr" -out "$1.pem" -notext \
            -days 365 >/dev/null 2>&1
    fi
}
ec srv.key;     leaf srv srv.key localhost DNS:localhost
ec other.key;   leaf other other.key other.example DNS:other.example
ec expired.key; leaf expired expired.key localhost DNS:localhost 20200101000000Z 20210101000000Z
openssl genrsa -out rsa.key 2048 2>/dev/null
leaf rsa rsa.key localhost DNS:localhost
for f in ca.pem ca.der ca2.pem srv.pem other.pem expired.pem rsa.pem; do
    [ -s "$f" ] || { echo "gen_certs: $f missing" >&2; exit 1; }
done
