# Fabric CA server from the release archive's binary, which is dynamically linked (cgo, for its
# sqlite3 store): no OS, only the C library and loader `ldd` lists. Build context: the directory
# scripts/build-images.sh stages from .fabric/ca-<version> (bin/fabric-ca-server, rootfs/ with the
# libraries, /tmp and passwd, shell/: a static busybox as `sh` and `cat`, for compose's command, which
# reads the registrar's secret from a file). One container per org, its CA folder mounted (orgs/<org>/ca).
FROM scratch
COPY rootfs/ /
COPY bin/fabric-ca-server /usr/local/bin/fabric-ca-server
COPY shell/ /usr/local/bin/
ENV PATH=/usr/local/bin
USER 1000:1000
CMD ["fabric-ca-server", "start"]
