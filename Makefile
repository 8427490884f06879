# 执法通 — the two set-up commands. The work is in scripts/; see README.md.
.PHONY: demo test bootstrap

# Install everything, load the demo city, run the web server and the task worker.
demo:
	bash scripts/demo.sh

# Install everything, run the whole suite on SQLite and on PostgreSQL.
test:
	bash scripts/test.sh

# Install the Python and front-end dependencies only (uv sync, npm ci, static files).
bootstrap:
	bash scripts/bootstrap.sh
