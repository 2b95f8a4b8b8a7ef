#!/usr/bin/env bash
# Installs the Debian packages attnsh builds and tests with: OpenBLAS (CBLAS),
# GNU readline, ncursesw, pkg-config, tmux for the end-to-end tests, and GNU time
# (the reliability tests read a child's peak memory from it).
# Uses sudo when not run as root.
set -euo pipefail
sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends \
    libopenblas-dev libreadline-dev libncurses-dev pkg-config tmux time >/dev/null
echo "attnsh: build dependencies installed"
