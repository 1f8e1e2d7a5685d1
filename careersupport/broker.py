"""kombu's file-system transport, made safe for a worker, a beat and producers side by side.

The stock transport has three races, each fixed here by renames, which are atomic:

- its writer creates a message file and fills it afterwards, so a reader that lists the
  folder in between moves away an empty file and dies on the JSON decode (kombu issue
  #1551). Here each message is written under a temporary name outside the queue folder and
  then renamed into it: a reader only ever sees whole messages;
- its reader "moves" a message to the system temp folder, which is a copy and a delete when
  that is another file system, so two consumers can both take one message. Here a consumer
  takes a message by renaming it into a folder beside the queue: exactly one rename wins;
- its queue binding opens the exchange table with mode "wb" (truncating it) before taking
  the lock, so a process starting up can empty the table another is reading. Here bindings
  are serialised by a lock file and the new table is renamed into place.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
import uuid
from pathlib import Path
from queue import Empty
from time import monotonic

from kombu.exceptions import ChannelError
from kombu.transport import filesystem
from kombu.utils.encoding import bytes_to_str, str_to_bytes
from kombu.utils.json import dumps, loads


class Channel(filesystem.Channel):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for folder in (self.data_folder_in, self.data_folder_out, self.control_folder):
            Path(folder).mkdir(parents=True, exist_ok=True)
        self._staging = Path(self.data_folder_out).parent / "staging"
        self._staging.mkdir(parents=True, exist_ok=True)
        self._taken = Path(self.data_folder_in).parent / "taken"
        self._taken.mkdir(parents=True, exist_ok=True)

    def _write_atomically(self, target: str | Path, data: bytes) -> None:
        fd, tmp = tempfile.mkstemp(dir=self._staging, prefix=".writing-")
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(data)
                f.flush()
                os.fsync(f.fileno())
            os.replace(tmp, target)
        except OSError as exc:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise ChannelError(f"Cannot write {target}") from exc

    def _put(self, queue, payload, **kwargs):
        name = f"{int(round(monotonic() * 1000))}_{uuid.uuid4()}.{queue}.msg"
        self._write_atomically(
            os.path.join(self.data_folder_out, name), str_to_bytes(dumps(payload))
        )

    def _get(self, queue):
        suffix = f"{queue}.msg"
        for filename in sorted(os.listdir(self.data_folder_in)):
            if filename.partition(".")[2] != suffix:
                continue
            taken = self._taken / filename
            try:
                os.rename(os.path.join(self.data_folder_in, filename), taken)
            except FileNotFoundError:
                continue  # another consumer took it first
            try:
                payload = taken.read_bytes()
                if self.store_processed:
                    os.replace(taken, os.path.join(self.processed_folder, filename))
                else:
                    taken.unlink()
            except OSError as exc:
                raise ChannelError(f"Cannot read message {filename!r}") from exc
            return loads(bytes_to_str(payload))
        raise Empty()

    def _queue_bind(self, exchange, routing_key, pattern, queue):
        file = self._exchange_file(exchange)
        entry = filesystem.exchange_queue_t(routing_key or "", pattern or "", queue or "")
        with open(self.control_folder / ".bindings.lock", "a+b") as lock_file:
            filesystem.lock(lock_file, filesystem.LOCK_EX)
            try:
                queues = self.get_table(exchange)
                if entry not in queues:
                    self._write_atomically(file, str_to_bytes(dumps([entry, *queues])))
            finally:
                filesystem.unlock(lock_file)


class Transport(filesystem.Transport):
    Channel = Channel
    global_state = filesystem.Transport.global_state
