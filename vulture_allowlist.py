"""Names vulture (dead-code check in `make test`) cannot see used: called by frameworks, not by us."""

# typer registers these commands by decorator (checker/cli/rules_cmd.py).
list_rules  # unused function
explain  # unused function
test  # unused function

# html.parser.HTMLParser calls its handle_* hooks (checker/ingest/html.py).
handle_starttag  # unused method
handle_startendtag  # unused method
handle_endtag  # unused method
handle_data  # unused method
handle_entityref  # unused method
handle_charref  # unused method

# pytest fixtures requested for their side effect (a registered test kind), and zipfile's API.
phrase_kind  # unused function
compress_type  # unused attribute

# Read by Python or pytest, not by our code: the module class swap in checker/__init__.py, and
# module-level pytest marks.
__class__  # unused attribute
pytestmark  # unused variable

# Read by uvicorn and Selenium, not by our code (tests/webpage.py): the server's stop flag and the
# browser binary option.
should_exit  # unused attribute
binary_location  # unused attribute

# Settings read by the libraries they configure: warnings.showwarning (the CLI prints input warnings
# as one line) and RE2's Options.log_errors (no RE2 log lines on stderr).
showwarning  # unused attribute
log_errors  # unused attribute

# click reads a command's short_help for the list of commands (checker/cli/usage.py sets the Chinese).
short_help  # unused attribute
