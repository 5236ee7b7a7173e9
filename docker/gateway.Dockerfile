# The REST gateway (gateway/dist/src/server.js) with the network description it reads.
# Build context: the repository root. NODE_IMAGE: node:20-slim, or the local base image
# docker/make-node-base.sh makes on machines without a registry.
# One org's gateway: run it with GATEWAY_ORG=<org>, that org's folder mounted (orgs/<org>, its
# connection config gateway.json and its own keys, nothing of another org) and its state folder
# (gateway/<org>) writable, SCF_DATA_DIR naming their parent. It listens on the org's own address and
# ports from gateway.json (host networking), never on an address of its own choosing.
ARG NODE_IMAGE=node:20-slim

FROM ${NODE_IMAGE} AS build
WORKDIR /build
COPY package.json package-lock.json tsconfig.base.json ./
COPY kernel/package.json kernel/
COPY fabric-client/package.json fabric-client/
COPY chaincode/package.json chaincode/
COPY network/package.json network/
COPY gateway/package.json gateway/
COPY test/package.json test/
RUN npm ci --workspace kernel --workspace fabric-client --workspace network --workspace gateway --include-workspace-root --ignore-scripts --no-audit --no-fund
COPY kernel/ kernel/
COPY fabric-client/ fabric-client/
COPY network/ network/
COPY gateway/ gateway/
RUN npx tsc -b kernel fabric-client network gateway
# Production dependencies only. better-sqlite3's binding: docker/prebuilt/ holds one compiled for
# this NODE_IMAGE's Node when scripts/build-images.sh could supply it (no internet); otherwise
# npm downloads or builds it.
COPY docker/prebuilt/ /prebuilt/
RUN rm -rf node_modules && npm ci --workspace gateway --omit=dev --ignore-scripts --no-audit --no-fund \
 && if [ -f /prebuilt/better_sqlite3.node ]; then \
      mkdir -p node_modules/better-sqlite3/build/Release && cp /prebuilt/better_sqlite3.node node_modules/better-sqlite3/build/Release/; \
    else npm rebuild better-sqlite3; fi

FROM ${NODE_IMAGE}
WORKDIR /app
COPY --from=build /build/package.json ./
COPY --from=build /build/node_modules/ node_modules/
COPY --from=build /build/kernel/package.json kernel/
COPY --from=build /build/kernel/dist/ kernel/dist/
COPY --from=build /build/fabric-client/package.json fabric-client/
COPY --from=build /build/fabric-client/dist/ fabric-client/dist/
COPY --from=build /build/network/package.json network/
COPY --from=build /build/network/dist/ network/dist/
COPY --from=build /build/gateway/package.json gateway/
COPY --from=build /build/gateway/dist/ gateway/dist/
COPY gateway/policies/ gateway/policies/
COPY gateway/dashboard/ gateway/dashboard/
ENV NODE_ENV=production SCF_DATA_DIR=/data
USER 1000:1000
CMD ["node", "/app/gateway/dist/src/server.js"]
