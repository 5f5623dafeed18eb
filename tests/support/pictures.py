"""Pictures in tests: image files good and bad, made in memory, and the admin posts that upload them."""

import struct
import zlib
from io import BytesIO

from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from articles import images
from articles.models import Picture

from .admin import management_form

GPS_IFD = 0x8825
ORIENTATION = 0x0112


def jpeg(width=800, height=600, gps=False, orientation=None, colour="teal"):
    """Return a JPEG's bytes, with an EXIF GPS position and an orientation tag when asked."""
    image = Image.new("RGB", (width, height), colour)
    exif = Image.Exif()
    exif[0x010F] = "Camera maker"
    if gps:
        exif.get_ifd(GPS_IFD).update({1: "N", 2: (37.0, 33.0, 58.0), 3: "E", 4: (126.0, 58.0, 40.0)})
    if orientation:
        exif[ORIENTATION] = orientation
    buffer = BytesIO()
    image.save(buffer, "JPEG", exif=exif.tobytes())
    return buffer.getvalue()


def encoded(image_format, width=800, height=600):
    buffer = BytesIO()
    Image.new("RGB", (width, height), "orange").save(buffer, image_format)
    return buffer.getvalue()


def chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png_claiming(width, height):
    """Return a small PNG file whose header claims `width`×`height` pixels: a decompression bomb's shape."""
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00" * 64))
        + chunk(b"IEND", b"")
    )


def upload(content, name="picture.jpg", content_type="image/jpeg"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def picture_row(content, name="picture.jpg", **values):
    """The lead picture inline's posted fields with an upload of `content`: what the article form adds to post one."""
    row = {
        "image": upload(content, name),
        "alt": "",
        "alt_es": "",
        "alt_ko": "",
        "credit": "",
        "licence": "",
        "source_url": "",
    }
    row.update(values)
    return {**management_form("lead_picture", 1), **{f"lead_picture-0-{key}": value for key, value in row.items()}}


def stored_files():
    """Every file in the pictures' folder of the storage."""
    if not default_storage.exists(images.FOLDER):
        return set()
    return set(default_storage.listdir(images.FOLDER)[1])


def make_picture(article=None, person=None, content=None, **values):
    """Save a picture of `article` or `person` as the admin does: processed, its files stored."""
    values = {"alt": "Two ministers shake hands", **values}
    picture = Picture(article=article, person=person, image=upload(content or jpeg()), **values)
    picture.full_clean()
    picture.save()
    return picture
