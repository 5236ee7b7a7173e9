# Fabric orderer from the release archive's static binary: no OS, no shell. Build context: the
# directory scripts/build-images.sh stages from .fabric/<version> (bin/, config/, rootfs/).
FROM scratch
COPY rootfs/ /
COPY bin/orderer /usr/local/bin/orderer
COPY config/orderer.yaml /etc/hyperledger/fabric/orderer.yaml
COPY --chown=1000:1000 rootfs/var/hyperledger/production/ /var/hyperledger/production/
ENV FABRIC_CFG_PATH=/etc/hyperledger/fabric PATH=/usr/local/bin
USER 1000:1000
CMD ["orderer"]
