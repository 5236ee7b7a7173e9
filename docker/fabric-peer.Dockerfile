# Fabric peer from the release archive's static binary: no OS; only a static busybox as `sh` and
# `cat`, for compose's peer command (it loads the ccaas builder config from a file). Build context:
# the directory scripts/build-images.sh stages from .fabric/<version> (bin/, config/, builders/,
# rootfs/, shell/).
FROM scratch
COPY rootfs/ /
COPY bin/peer /usr/local/bin/peer
COPY shell/ /usr/local/bin/
COPY config/core.yaml /etc/hyperledger/fabric/core.yaml
# Chaincode as a service: the peer runs the ccaas builder instead of building a Docker image.
COPY builders/ccaas/ /opt/hyperledger/ccaas_builder/
COPY --chown=1000:1000 rootfs/var/hyperledger/production/ /var/hyperledger/production/
ENV FABRIC_CFG_PATH=/etc/hyperledger/fabric PATH=/usr/local/bin
USER 1000:1000
CMD ["peer", "node", "start"]
