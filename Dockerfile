# The container image of plan for CI jobs: ghcr.io/plankoll/plankoll:<version> and :latest,
# built and pushed by .github/workflows/release.yml for linux/amd64 and linux/arm64. The
# context is a folder with amd64/ and arm64/, each the unpacked release archive of the
# static musl binary (plankoll-x86_64-unknown-linux-musl, plankoll-aarch64-unknown-linux-musl).
#
# Alpine, not scratch: GitLab's runner runs the job's script with the image's `sh`.
# Pinned by version tag only: a digest pin (alpine:3.23.3@sha256:…) needs the registry,
# which the machine this was written on cannot reach; add the digest where it can be read.
FROM alpine:3.23.3

ARG TARGETARCH

RUN addgroup -S -g 10001 plan && adduser -S -D -u 10001 -G plan -h /home/plan plan

COPY --chmod=0755 ${TARGETARCH}/plan /usr/local/bin/plan
COPY ${TARGETARCH}/LICENSE ${TARGETARCH}/README.md ${TARGETARCH}/THIRD-PARTY-LICENSES.html /usr/share/doc/plankoll/

USER 10001:10001
WORKDIR /repo
ENTRYPOINT ["plan"]
