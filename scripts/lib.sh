# Shared by the measuring scripts (source it): a work folder, GNU time, and
# reading its report. Not a script of its own.

# apt_install PACKAGE...: installs Debian packages, as root or through sudo.
apt_install() {
	local sudo=()
	if [[ $(id -u) != 0 ]]; then
		command -v sudo >/dev/null 2>&1 || {
			echo "$(basename "$0"): need root or sudo to apt-get install $*" >&2
			exit 2
		}
		sudo=(sudo)
	fi
	"${sudo[@]}" apt-get update -qq
	DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq "$@" >/dev/null
}

# need_time: GNU time at /usr/bin/time, which reports peak memory; installed
# when missing.
need_time() {
	[[ -x /usr/bin/time ]] || apt_install time
}

# make_work: sets $work to a fresh temporary folder, removed on exit unless
# KEEP=1.
make_work() {
	work=$(mktemp -d)
	if [[ -z ${KEEP:-} ]]; then
		trap 'rm -rf "$work"' EXIT
	else
		echo "keeping $work"
	fi
}

# time_fields FILE: prints "seconds kilobytes" (wall time, peak RSS) from a
# `/usr/bin/time -v -o FILE` report.
time_fields() {
	awk '
		/Elapsed \(wall clock\)/ {
			n = split($NF, p, ":"); s = 0
			for (i = 1; i <= n; i++) s = s * 60 + p[i]
		}
		/Maximum resident set size/ { rss = $NF }
		END { printf "%.2f %d\n", s, rss }
	' "$1"
}
