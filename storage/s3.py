"""S3 object store through the minio SDK (MinIO, SeaweedFS, AWS S3...).

URL: ``s3://ACCESS_KEY:SECRET_KEY@host:port/bucket?secure=false&region=us-east-1``.
Options: ``secure`` (default true: HTTPS), ``region``. The bucket is created
if missing. Errors from the SDK are converted to :class:`StoreError`.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from urllib.parse import parse_qs, unquote, urlsplit

from minio import Minio
from minio.error import S3Error
from urllib3.exceptions import HTTPError

from intake.errors import ConfigError, NotFound, ServiceUnavailable, StoreError
from intake.urls import redacted
from storage.base import ObjectStore, check_key

_TRANSIENT = (HTTPError, OSError)


class S3Store(ObjectStore):
    """Objects in one S3 bucket."""

    def __init__(self, client: Minio, bucket: str, url: str) -> None:
        self.client = client
        self.bucket = bucket
        self.url = url
        self._ensure_bucket()

    @classmethod
    def from_url(cls, url: str) -> "S3Store":
        parts = urlsplit(url)
        bucket = parts.path.strip("/")
        if not parts.hostname or not bucket:
            raise ConfigError("invalid settings:\n  INTAKE_STORE_URL: an S3 URL needs a host and a bucket "
                              f"(got {redacted(url)!r})")
        query = {k: v[-1] for k, v in parse_qs(parts.query).items()}
        host = f"{parts.hostname}:{parts.port}" if parts.port else parts.hostname
        client = Minio(
            host,
            access_key=unquote(parts.username or ""),
            secret_key=unquote(parts.password or ""),
            secure=query.get("secure", "true").lower() not in {"false", "0", "no"},
            region=query.get("region"),
        )
        return cls(client, bucket, redacted(url))

    def _ensure_bucket(self) -> None:
        try:
            if not self.client.bucket_exists(self.bucket):
                self.client.make_bucket(self.bucket)
        except S3Error as exc:
            if exc.code not in {"BucketAlreadyOwnedByYou", "BucketAlreadyExists"}:
                raise _unavailable(self.url, f"the server refused: {exc.code}", _REFUSED) from exc
        except ValueError as exc:  # the SDK checks bucket names before any request
            raise ConfigError(f"invalid settings:\n  INTAKE_STORE_URL: {exc} (got {self.url!r})") from None
        except _TRANSIENT as exc:
            raise _unavailable(self.url, f"no answer ({_reason(exc)})", _DOWN) from exc

    def put(self, key: str, data: bytes, content_type: str = "application/octet-stream") -> None:
        try:
            self.client.put_object(
                self.bucket, check_key(key), io.BytesIO(data), len(data), content_type=content_type
            )
        except (S3Error, *_TRANSIENT) as exc:
            raise StoreError("S3 write failed", key=key, error=str(exc)) from exc

    def get(self, key: str) -> bytes:
        try:
            response = self.client.get_object(self.bucket, check_key(key))
        except S3Error as exc:
            if exc.code in {"NoSuchKey", "NoSuchObject"}:
                raise NotFound("no such object", key=key) from None
            raise StoreError("S3 read failed", key=key, error=exc.code) from exc
        except _TRANSIENT as exc:
            raise StoreError("S3 read failed", key=key, error=str(exc)) from exc
        try:
            return response.read()
        finally:
            response.close()
            response.release_conn()

    def exists(self, key: str) -> bool:
        try:
            self.client.stat_object(self.bucket, check_key(key))
            return True
        except S3Error as exc:
            if exc.code in {"NoSuchKey", "NoSuchObject", "ResourceNotFound"}:
                return False
            raise StoreError("S3 stat failed", key=key, error=exc.code) from exc
        except _TRANSIENT as exc:
            raise StoreError("S3 stat failed", key=key, error=str(exc)) from exc

    def list(self, prefix: str) -> Iterator[str]:
        try:
            objects = self.client.list_objects(self.bucket, prefix=prefix, recursive=True)
            return iter(sorted(o.object_name for o in objects))
        except (S3Error, *_TRANSIENT) as exc:
            raise StoreError("S3 list failed", prefix=prefix, error=str(exc)) from exc

    def delete(self, key: str) -> None:
        try:
            self.client.remove_object(self.bucket, check_key(key))
        except (S3Error, *_TRANSIENT) as exc:
            raise StoreError("S3 delete failed", key=key, error=str(exc)) from exc


_DOWN = ("start the S3 server (`make s3` starts a local one) or fix INTAKE_STORE_URL; "
         "unset it to use the embedded default")
_REFUSED = "check the access key, secret key and bucket in INTAKE_STORE_URL"


def _unavailable(url: str, reason: str, hint: str) -> ServiceUnavailable:
    return ServiceUnavailable("S3 object store", "INTAKE_STORE_URL", url, reason, hint)


def _reason(exc: BaseException) -> str:
    """The connection error under urllib3's retries, in a few words."""
    inner = getattr(exc, "reason", None) or exc
    text = str(inner)
    return text.rsplit(": ", 1)[-1].rstrip(")\"'") if "Errno" in text else type(inner).__name__
