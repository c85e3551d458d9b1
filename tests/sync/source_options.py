"""HTTP options the connector tests use: loopback allowed, short timeouts, quick retries."""
from sync.http import HttpOptions, RetryPolicy

TEST_OPTIONS = HttpOptions(connect_timeout=1.0, read_timeout=2.0, max_workers=3,
                           max_requests_per_second=None, allow_private=True,
                           retry=RetryPolicy(attempts=3, backoff_base=0.01, backoff_cap=0.05))
