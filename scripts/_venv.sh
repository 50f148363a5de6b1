# Sourced by scripts/start and scripts/test: make .venv with Python 3.11+ and install into it.
# Usage: ensure_venv EXTRAS   (EXTRAS like "" or "[test]")

ensure_venv() {
    local extras=$1 python=${PYTHON:-python3}
    if ! "$python" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
        echo "Afterview needs Python 3.11 or newer as '$python' (set PYTHON=... to choose one)." >&2
        exit 1
    fi
    if [ ! -x .venv/bin/python ]; then
        if ! "$python" -m venv .venv 2>/dev/null; then
            rm -rf .venv
            if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
                # Debian ships venv separately.
                apt-get update -q >/dev/null && apt-get install -y -q python3-venv >/dev/null
                "$python" -m venv .venv
            else
                echo "Cannot create a virtual environment: install python3-venv" \
                     "(sudo apt-get install python3-venv) and run this again." >&2
                exit 1
            fi
        fi
    fi
    .venv/bin/python -m pip install --quiet --disable-pip-version-check --editable ".$extras"
    # Compile once so that every later start is quick even under PYTHONDONTWRITEBYTECODE.
    .venv/bin/python -m compileall -q src >/dev/null
}
