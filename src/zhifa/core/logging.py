"""JSON log lines with the request id of the actor context."""

import json
import logging

from .actor import current_actor


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time, level, logger, message, request id, channel."""

    def format(self, record: logging.LogRecord) -> str:
        actor = current_actor()
        data = {
            "time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S%z"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": actor.request_id,
            "channel": actor.channel,
        }
        if record.exc_info:
            data["exception"] = self.formatException(record.exc_info)
        return json.dumps(data, ensure_ascii=False)
