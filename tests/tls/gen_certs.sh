#!/bin/sh
# tests/tls/gen_certs.sh DIR : test PKI for tests/unit/test_tls.c and
# tests/interop/run.sh, made with the openssl CLI at test time (nothing
# secret is committed). All leaves carry serverAuth and DNS:localhost unless
# said otherwise.
#   ca.pem / ca.der     test root CA (EC P-256)
#   srv.pem srv.key     leaf (EC P-256, ECDHE-ECDSA), signed by the root
#   rsa.pem rsa.key     leaf (RSA-2048, ECDHE-RSA), signed by the root
#   other.pem other.key leaf for DNS:other.example (host name mismatch)
#   expired.pem .key    valid 2020-01-01..2021-01-01
#   future.pem .key     valid 2099-01-01..2100-01-01 (not yet valid)
#   ip.pem ip.key       DNS:localhost + IP:127.0.0.1 + IP:::1
#   ca2.pem             an unrelated CA (wrong trust anchor)
#   int.pem int.key     intermediate CA (EC P-256) under the root
#   chain.pem .key      leaf signed by the intermediate; chain-full.pem =
#                       leaf + intermediate (what a server must send)
#   big.pem big.key     leaf (RSA-2048) under the intermediate with 300 extra
#                       DNS SANs; big-full.pem = leaf + intermediate, about
#                       12 KB of DER: over 4 KiB, under 16 KiB
#   rsaroot.pem         RSA-2048 root; rsaint.pem under it; rsaleaf.pem
#   rsaleaf-full.pem    (.key) under rsaint; -full = leaf + rsaint
set -e
d=$1
[ -n "$d" ] || { echo "usage: $0 DIR" >&2; exit 2; }
mkdir -p "$d"
cd "$d"
ec() { openssl ecparam -name prime256v1 -genkey -noout -out "$1" 2>/dev/null; }
rsa() { openssl genrsa -out "$1" 2048 2>/dev/null; }

ec ca.key
openssl req -x509 -new -key ca.key -sha256 -days 3650 -subj "/CN=asc test CA" \
    -addext "basicConstraints=critical,CA:TRUE" \
    -addext "keyUsage=critical,keyCertSign,cRLSign" -out ca.pem 2>/dev/null
openssl x509 -in ca.pem -outform DER -out ca.der
ec ca2.key
openssl req -x509 -new -key ca2.key -sha256 -days 3650 -subj "/CN=asc other CA" \
    -addext "basicConstraints=critical,CA:TRUE" -out ca2.pem 2>/dev/null

# Minimal `openssl ca` setup: the only portable way (openssl 3.0) to pick
# arbitrary validity dates. One database per issuing CA.
cacnf() { # name cert key
    mkdir -p "$1.db"
    : > "$1.db/index.txt"
    echo 1000 > "$1.db/serial"
    cat > "$1.cnf" <<CNF
[ ca ]
default_ca = tca
[ tca ]
dir = .
database = $1.db/index.txt
serial = $1.db/serial
new_certs_dir = $1.db
certificate = $2
private_key = $3
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
[ subca ]
basicConstraints = critical, CA:TRUE, pathlen:0
keyUsage = critical, keyCertSign, cRLSign
CNF
}
cacnf ca ca.pem ca.key

leaf() { # issuer name keyfile cn san [startdate enddate]
    openssl req -new -key "$3" -subj "/CN=$4" -addext "subjectAltName=$5" \
        -out "$2.csr" 2>/dev/null
    if [ -n "${6:-}" ]; then
        openssl ca -batch -config "$1.cnf" -in "$2.csr" -out "$2.pem" -notext \
            -startdate "$6" -enddate "$7" >/dev/null 2>&1
    else
        openssl ca -batch -config "$1.cnf" -in "$2.csr" -out "$2.pem" -notext \
            -days 365 >/dev/null 2>&1
    fi
}
subca() { # issuer name keyfile cn
    openssl req -new -key "$3" -subj "/CN=$4" -out "$2.csr" 2>/dev/null
    openssl ca -batch -config "$1.cnf" -extensions subca -in "$2.csr" -out "$2.pem" \
        -notext -days 1000 >/dev/null 2>&1
}

ec srv.key;     leaf ca srv srv.key localhost DNS:localhost
ec other.key;   leaf ca other other.key other.example DNS:other.example
ec expired.key; leaf ca expired expired.key localhost DNS:localhost 20200101000000Z 20210101000000Z
ec future.key;  leaf ca future future.key localhost DNS:localhost 20990101000000Z 21000101000000Z
ec ip.key;      leaf ca ip ip.key localhost "DNS:localhost,IP:127.0.0.1,IP:::1"
rsa rsa.key
leaf ca rsa rsa.key localhost DNS:localhost

# Intermediate (EC) and its leaves.
ec int.key
subca ca int int.key "asc test intermediate"
cacnf int int.pem int.key
ec chain.key
leaf int chain chain.key localhost DNS:localhost
cat chain.pem int.pem > chain-full.pem
# 300 extra names of 36 characters: about 12 KB with the intermediate.
sans=DNS:localhost
i=1
while [ $i -le 300 ]; do
    sans="$sans,DNS:host-$(printf '%05d' $i).big-chain.asc-test.example"
    i=$((i + 1))
done
rsa big.key
leaf int big big.key localhost "$sans"
cat big.pem int.pem > big-full.pem

# RSA root -> RSA intermediate -> RSA leaf.
rsa rsaroot.key
openssl req -x509 -new -key rsaroot.key -sha256 -days 3650 -subj "/CN=asc test RSA root" \
    -addext "basicConstraints=critical,CA:TRUE" \
    -addext "keyUsage=critical,keyCertSign,cRLSign" -out rsaroot.pem 2>/dev/null
cacnf rsaroot rsaroot.pem rsaroot.key
rsa rsaint.key
subca rsaroot rsaint rsaint.key "asc test RSA intermediate"
cacnf rsaint rsaint.pem rsaint.key
rsa rsaleaf.key
leaf rsaint rsaleaf rsaleaf.key localhost "DNS:localhost,IP:127.0.0.1"
cat rsaleaf.pem rsaint.pem > rsaleaf-full.pem

for f in ca.pem ca.der ca2.pem srv.pem other.pem expired.pem future.pem ip.pem rsa.pem \
         int.pem chain.pem chain-full.pem big.pem big-full.pem rsaroot.pem rsaint.pem \
         rsaleaf.pem rsaleaf-full.pem; do
    [ -s "$f" ] || { echo "gen_certs: $f missing" >&2; exit 1; }
done
