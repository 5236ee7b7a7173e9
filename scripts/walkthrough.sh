#!/usr/bin/env bash
# The README's walk-through: one receivable from issue to settlement through the REST gateways,
# each step as the participant who may take it, at its own org's gateway (the "url" of its key in
# the keys file). Needs `npm start` (or DEMO_KEYS pointing at a keys file like the one `npm start`
# writes; GATEWAY_URL is used for keys without a url: there is no default gateway address, each org
# has its own).
set -euo pipefail
cd "$(dirname "$0")/.."
GW=${GATEWAY_URL:-}
KEYS=${DEMO_KEYS:-.data/gateway/demo-credentials.json}
key() { node -e 'const k=require(process.argv[1]).keys.find(k=>k.name===process.argv[2]); if(!k) process.exit(1); console.log(k.apiKey)' "$(realpath "$KEYS")" "$1"; }
# url <participant>: the participant's own org's gateway.
url() { node -e 'const k=require(process.argv[1]).keys.find(k=>k.name===process.argv[2]); const u=k?.url ?? process.argv[3]; if(!u){console.error(`no gateway URL for ${process.argv[2]} in the keys file: set GATEWAY_URL`);process.exit(1)} console.log(u)' "$(realpath "$KEYS")" "$1" "$GW"; }
field() { node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{const v=process.argv[1].split(".").reduce((o,k)=>o?.[k],JSON.parse(s));console.log(typeof v==="object"?JSON.stringify(v):v)})' "$1"; }
# call <participant> <METHOD> <path> [json body]: prints the response body; fails on a non-2xx.
call() {
  local who=$1 method=$2 path=$3 body=${4:-}
  local out status
  out=$(mktemp)
  status=$(curl -sS -o "$out" -w '%{http_code}' -X "$method" "$(url "$who")$path" -H "Authorization: Bearer $(key "$who")" \
    ${body:+-H 'Content-Type: application/json' -d "$body"})
  cat "$out"; rm -f "$out"
  [[ $status == 2* ]] || { echo " <- HTTP $status from $method $path as $who" >&2; return 1; }
}
step() { echo; echo "== $*" >&2; }

RUN=${RUN_ID:-$(date +%s)}
R=rcv-$RUN; LINE=line-$RUN; F=fin-$RUN; P=pay-$RUN
DUE=$(date -u -d '+60 days' +%F); TODAY=$(date -u +%F); EXPIRES=$(date -u -d '+1 year' +%F)

step "auditor sets the consortium cap on the core enterprise (all banks together)"
call auditor PUT /v1/consortium-caps/core/USD '{"cap":"1000000000000"}' | field cap
step "bank A grants the core enterprise a credit line"
call bank-a POST /v1/credit-lines "{\"lineId\":\"$LINE\",\"coreId\":\"core\",\"currency\":\"USD\",\"limit\":\"50000000\",\"expiresOn\":\"$EXPIRES\",\"maxAdvanceRateBps\":\"8000\",\"maxTenorDays\":180,\"graceDays\":10}" | field status
step "supplier-1 issues a receivable on the core enterprise (amounts in cents)"
call supplier-1 POST /v1/receivables "{\"receivableId\":\"$R\",\"debtorId\":\"core\",\"invoiceNumber\":\"INV-$RUN\",\"currency\":\"USD\",\"amount\":\"1000000\",\"issueDate\":\"$TODAY\",\"dueDate\":\"$DUE\"}" | field status
step "the core enterprise confirms it owes it"
call core POST "/v1/receivables/$R/confirm" | field status
step "supplier-1 passes 400000 of it to its tier-2 supplier"
call supplier-1 POST "/v1/receivables/$R/split" "{\"parts\":[{\"id\":\"$R-keep\",\"amount\":\"600000\",\"holderId\":\"supplier-1\"},{\"id\":\"$R-t2\",\"amount\":\"400000\",\"holderId\":\"supplier-2\"}]}" | field children.1.holderId
step "supplier-2 asks bank A to finance 300000 of its part"
call supplier-2 POST /v1/financings "{\"financingId\":\"$F\",\"receivableId\":\"$R-t2\",\"lineId\":\"$LINE\",\"amount\":\"300000\"}" | field status
step "bank A's officer runs the risk gate: assess, endorse, re-check, submit"
ASSESSED=$(call bank-a POST "/v1/financings/$F/assess")
echo "$ASSESSED" | field assessment
if [ "$(echo "$ASSESSED" | field decision)" = REVIEW ]; then
  step "the policy wants a human look: a second officer of bank A (four eyes) approves it from the review queue"
  call bank-a-2 POST "/v1/risk/reviews/$F/decision" '{"decision":"APPROVE","note":"walk-through"}' | field financing.status
fi
step "at maturity the core enterprise pays 400000"
call core POST /v1/payments "{\"paymentId\":\"$P\",\"receivableId\":\"$R-t2\",\"amount\":\"400000\",\"reference\":\"WIRE-$RUN\"}" | field allocations
step "bank A acknowledges its 300000: the financing is repaid, the exposure released"
call bank-a POST "/v1/payments/$P/acknowledge" | field financing.status
step "supplier-2 acknowledges the remaining 100000: the claim is settled"
call supplier-2 POST "/v1/payments/$P/acknowledge" | field receivable.status
step "the auditor reads the receivable's history (every version with its transaction id)"
call auditor GET "/v1/receivables/$R-t2/history" | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{for(const h of JSON.parse(s)) console.log(h.timestamp, h.txId.slice(0,16), h.value?.status)})'
