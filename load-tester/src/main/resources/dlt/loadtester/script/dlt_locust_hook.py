# dlt's entry point for Locust (written beside the user's locustfile and passed with -f): it loads the
# user's locustfile, so Locust finds its User classes here, and reports every request to the dlt
# process that started Locust, one JSON line each, with the response time as Locust measured it
# (milliseconds with fractions; Locust's own statistics round them).
import importlib.util
import json
import os
import socket
import sys

from gevent.lock import Semaphore
from locust import events

_script = os.path.abspath(os.environ["DLT_LOCUST_SCRIPT"])
sys.path.insert(0, os.path.dirname(_script))
_spec = importlib.util.spec_from_file_location("locustfile", _script)
_locustfile = importlib.util.module_from_spec(_spec)
sys.modules["locustfile"] = _locustfile
_spec.loader.exec_module(_locustfile)
globals().update({k: v for k, v in vars(_locustfile).items() if not k.startswith("__")})

_dlt_socket = socket.create_connection(("127.0.0.1", int(os.environ["DLT_SAMPLE_PORT"])))
_dlt_send_lock = Semaphore()
_dlt_environment = []


@events.init.add_listener
def _dlt_on_init(environment, **_kwargs):
    _dlt_environment.append(environment)


@events.request.add_listener
def _dlt_on_request(request_type, name, response_time, response_length, response=None, exception=None, **_kwargs):
    status = getattr(response, "status_code", 0) if response is not None else 0
    runner = _dlt_environment[0].runner if _dlt_environment else None
    users = runner.user_count if runner is not None else 0
    error = None if exception is None else (type(exception).__name__ + ": " + str(exception))[:300]
    line = json.dumps([name, float(response_time or 0), int(status or 0), int(response_length or 0), error, users])
    with _dlt_send_lock:
        _dlt_socket.sendall((line + "\n").encode("utf-8"))
