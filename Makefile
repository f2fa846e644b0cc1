# The two commands a new user needs: `make demo` and `make test`. Both set themselves up.
PY := .venv/bin/python
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: setup test lint demo bench screenshots deb clean

setup:
	@bash scripts/setup.sh

lint: setup
	.venv/bin/ruff check .
	.venv/bin/lint-imports

test: lint
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q -p no:cacheprovider

demo: setup
	@if [ -n "$$DISPLAY$$WAYLAND_DISPLAY" ]; then $(PY) -m ui.demo; else \
	  echo "No screen here (DISPLAY/WAYLAND_DISPLAY unset): running the demo headless instead —"; \
	  echo "a scripted walk through a whole 办件 on the virtual devices, every screen saved to screenshots/."; \
	  echo "On a desktop (or: xvfb-run -s '-screen 0 1920x1080x24' make demo), the app opens in a window."; \
	  QT_QPA_PLATFORM=offscreen $(PY) -m ui.screenshots --out screenshots; fi

bench: setup
	@for b in benchmarks/*.py; do echo "== $$b"; $(PY) $$b || exit 1; done

screenshots: setup
	QT_QPA_PLATFORM=offscreen $(PY) -m ui.screenshots --out screenshots

deb: setup
	bash installer/build-deb.sh

clean:
	rm -rf .venv build dist screenshots *.egg-info
