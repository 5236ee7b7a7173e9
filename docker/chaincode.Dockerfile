# The chaincode as a service (fabric-shim server), one container per org and slot.
# Build context: the repository root. NODE_IMAGE: node:20-slim, or the local base image
# docker/make-node-base.sh makes on machines without a registry.
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
RUN npm ci --workspace chaincode --include-workspace-root --ignore-scripts --no-audit --no-fund
COPY kernel/ kernel/
COPY chaincode/ chaincode/
COPY docker/tsconfig.chaincode.json docker/
RUN npx tsc -b kernel && npx tsc -p docker/tsconfig.chaincode.json
# Production dependencies only, for the runtime stage.
RUN rm -rf node_modules && npm ci --workspace chaincode --omit=dev --ignore-scripts --no-audit --no-fund

FROM ${NODE_IMAGE}
WORKDIR /app
COPY --from=build /build/node_modules/ node_modules/
COPY --from=build /build/kernel/package.json kernel/
COPY --from=build /build/kernel/dist/ kernel/dist/
COPY --from=build /build/chaincode/package.json chaincode/
COPY --from=build /build/chaincode/dist/ chaincode/dist/
COPY chaincode/collections_config.json chaincode/
ENV NODE_ENV=production CORE_CHAINCODE_LOGGING_LEVEL=warn
USER 1000:1000
WORKDIR /app/chaincode
# Arguments: --chaincode-address <org address>:<port> --chaincode-id <package id>
ENTRYPOINT ["node", "/app/node_modules/fabric-shim/cli.js", "server", "--module-path", "/app/chaincode"]
