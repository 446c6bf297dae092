# Sourced by the scripts that need Debian packages: `install PACKAGE…` runs apt-get install, through
# sudo when not root.
install() {
  echo "$0: installing $*"
  if [[ $(id -u) -eq 0 ]]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@"
  else sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@"; fi
}
