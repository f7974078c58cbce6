#!/usr/bin/env python3
"""
Example of using retry middleware with aiohttp client.

This example shows how to implement a middleware that automatically retries
failed requests with exponential backoff. The middleware can be configured
with custom retry statuses, maximum retries, and backoff parameters.

This example includes a test server that simulates various HTTP responses
and can return different status codes on sequential requests.
"""

import asyncio
import logging
from http import HTTPStatus
from typing import TYPE_CHECKING

from aiohttp import ClientHandlerType, ClientRequest, ClientResponse, ClientSession, web

logging.basicConfig(level=logging.INFO)
_LOGGER = logging.getLogger(__name__)

DEFAULT_RETRY_STATUSES: set[HTTPStatus] = {
    HTTPStatus.TOO_MANY_REQUESTS,
    HTTPStatus.INTERNAL_SERVER_ERROR,
    HTTPStatus.BAD_GATEWAY,
    HTTPStatus.SERVICE_UNAVAILABLE,
    HTTPStatus.GATEWAY_TIMEOUT,
}


class RetryMiddleware:
    """Middleware that retries failed requests with exponential backoff."""

    def __init__(
        self,
        max_retries: int = 3,
        retry_statuses: set[HTTPStatus] | None = None,
        initial_delay: float = 1.0,
        backoff_factor: float = 2.0,
    ) -> None:
        self.max_retries = max_retries
        self.retry_statuses = retry_statuses or DEFAULT_RETRY_STATUSES
        self.initial_delay = initial_delay
        self.backoff_factor = backoff_factor

    async def __call__(
        self,
        request: ClientRequest,
        handler: ClientHandlerType,
    ) -> ClientResponse:
        """Execute request with retry logic."""
        last_response: ClientResponse | None = None
        delay = self.initial_delay

        for attempt in range(self.max_retries + 1):
            if attempt > 0:
                _LOGGER.info(
                    "Retrying request to %s (attempt %s/%s)",
                    request.url,
                    attempt + 1,
                    self.max_retries + 1,
                )

            # Execute the request
            response = await handler(request)
            last_response = response

            # Check if we should retry
            if response.status not in self.retry_statuses:
                return response

            # Don't retry if we've exhausted attempts
            if attempt >= self.max_retries:
                _LOGGER.warning(
                    "Max retries (%s) exceeded for %s", self.max_retries, request.url
                )
                return response

            # Wait before retrying
            _LOGGER.debug("Waiting %ss before retry...", delay)
            await asyncio.sleep(delay)
            delay *= self.backoff_factor

        # Return the last response
        if TYPE_CHECKING:
            assert last_response is not None  # Always set since we loop at least once
        return last_response


class TestServer:
    """Test server with stateful endpoints for retry testing."""

    def __init__(self) -> None:
        self.request_counters: dict[str, int] = {}
        self.status_sequences: dict[str, list[int]] = {
            "eventually-ok": [500, 503, 502, 200],  # Fails 3 times, then succeeds
            "always-error": [500, 500, 500, 500],  # Always fails
            "immediate-ok": [200],  # Succeeds immediately
            "flaky": [503, 200],  # Fails once, then succeeds
        }

    async def handle_status(self, request: web.Request) -> web.Response:
        """Return the status code specified in the path."""
        status = int(request.match_info["status"])
        return web.Response(status=status, text=f"Status: {status}")

    async def handle_status_sequence(self, request: web.Request) -> web.Response:
        """Return different status codes on sequential requests."""
        path = request.path

        # Initialize counter for this path if needed
        if path not in self.request_counters:
            self.request_counters[path] = 0

        # Get the status sequence for this path
        sequence_name = request.match_info["name"]
        if sequence_name not in self.status_sequences:
            return web.Response(status=404, text="Sequence not found")

