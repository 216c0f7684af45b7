#!/bin/bash
# Client-certificate authentication cost: 500 GET /api/v1/namespaces/default over one TLS connection (curl reuses it),
# authenticated by a client certificate signed by the emulator CA, three timed runs after a warm-up.
# usage: bench/client-cert-auth.sh PATH/TO/Emulator.Api.dll PORTBASE LABEL   (PORTBASE..PORTBASE+2 must be free)
DLL=$1; P=$2
D=$(mktemp -d)
cd $(dirname $DLL)
dotnet $DLL --data-dir $D --api-port $P --http-port $((P+1)) --dns-port $((P+2)) --nodes 0 > $D/log 2>&1 &
PID=$!
for i in $(seq 1 120); do curl -s -o /dev/null http://127.0.0.1:$((P+1))/readyz && [ -f $D/ca.key ] && break; sleep 1; done
cd $D
openssl ecparam -name prime256v1 -genkey -noout -out u.key 2>/dev/null
openssl req -new -key u.key -subj "/O=system:masters/CN=bench" -out u.csr 2>/dev/null
printf "extendedKeyUsage=clientAuth\n" > ext.cnf
openssl x509 -req -in u.csr -CA ca.crt -CAkey ca.key -CAcreateserial -days 1 -extfile ext.cnf -out u.crt 2>/dev/null
URLS=$(for i in $(seq 1 500); do echo -n "https://127.0.0.1:$P/api/v1/namespaces/default "; done)
curl -s --cacert ca.crt --cert u.crt --key u.key $URLS > /dev/null  # warm-up
for r in 1 2 3; do
  S=$(date +%s.%N); curl -s --http1.1 --cacert ca.crt --cert u.crt --key u.key -w "%{stderr}%{http_code}\n" $URLS 2>codes >/dev/null; E=$(date +%s.%N); sort codes | uniq -c | tr "\n" " "
  echo "$3/run$r: 500 req in $(echo "$E - $S" | bc) s"
done
kill $PID; wait $PID 2>/dev/null; rm -rf $D
