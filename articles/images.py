"""
Uploaded pictures (lead images and portraits): the checks an upload passes, the copy that is kept
(re-encoded, so without its EXIF, GPS or XMP metadata, its orientation applied) and its renditions
for <picture> elements, each under a name made from a hash of the content.
"""

import hashlib
import re
import warnings
from dataclasses import dataclass, field
from io import BytesIO

from django import forms
from django.utils.translation import gettext_lazy
from PIL import Image, ImageOps, UnidentifiedImageError, features

# What editors may upload: formats by Pillow's name, their file extension.
FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}
if features.check("avif"):
    FORMATS["AVIF"] = "avif"
MAX_BYTES = 15 * 1024 * 1024
MAX_PIXELS = 40_000_000
MIN_SIDE = 300
# How many times its width a picture may be tall: a taller one's renditions would pass WebP's
# 16,383 pixels (a 400×17,000 strip), and no page shows it whole.
MAX_TALL = 10
# Pillow refuses to open anything over twice this as a decompression bomb, and warns over it.
Image.MAX_IMAGE_PIXELS = MAX_PIXELS

# Rendition widths, as far as the upload is wide, and their formats, best first; JPEG is the
# fallback every browser shows. AVIF only where this Pillow can write it.
WIDTHS = (480, 960, 1600)
RENDITION_FORMATS = [("avif", "AVIF"), ("webp", "WEBP"), ("jpeg", "JPEG")]
if not features.check("avif"):
    RENDITION_FORMATS.pop(0)
ENCODER_OPTIONS = {
    "AVIF": {"quality": 60, "speed": 8},
    "WEBP": {"quality": 80},
    "JPEG": {"quality": 82, "optimize": True},
}
EXTENSIONS = {"AVIF": "avif", "WEBP": "webp", "JPEG": "jpg"}
CONTENT_TYPES = {"avif": "image/avif", "webp": "image/webp", "jpeg": "image/jpeg"}
FOLDER = "pictures"
# A stored picture's name: its content hash, a rendition's width, its format.
STORED_NAME = re.compile(rf"{FOLDER}/(?P<digest>[0-9a-f]{{32}})(-[0-9]+)?\.(jpg|png|webp|avif)")


def refuse(message, code, **values):
    raise forms.ValidationError(message, code=code, params=values)


def checked_image(upload):
    """
    Return the uploaded file `upload` opened and fully decoded by Pillow, or raise a
    ValidationError saying why it is refused: too large a file, not an image (whatever its name
    says), a format not accepted, too many pixels (known from the header, before decoding), too
    small, or truncated.
    """
    if upload.size > MAX_BYTES:
        refuse(
            gettext_lazy("This file is %(size)s MB: upload an image of at most %(max)s MB."),
            "too_large",
            size=round(upload.size / 1024 / 1024, 1),
            max=MAX_BYTES // 1024 // 1024,
        )
    upload.seek(0)
    try:
        # Over MAX_PIXELS Pillow warns, and the size check below refuses the upload.
        with warnings.catch_warnings(action="ignore", category=Image.DecompressionBombWarning):
            image = Image.open(upload)
    except Image.DecompressionBombError:
        refuse(too_many_pixels_message(), "too_many_pixels", max=MAX_PIXELS // 1_000_000)
    except (UnidentifiedImageError, OSError, ValueError):
        refuse(gettext_lazy("This file is not an image: upload a JPEG, PNG or WebP picture."), "not_image")
    if image.format not in FORMATS:
        refuse(
            gettext_lazy("%(format)s images are not accepted: upload a JPEG, PNG or WebP picture."),
            "format",
            format=image.format,
        )
    width, height = image.size
    if width * height > MAX_PIXELS:
        refuse(too_many_pixels_message(), "too_many_pixels", max=MAX_PIXELS // 1_000_000)
    if min(width, height) < MIN_SIDE:
        refuse(
            gettext_lazy("This image is %(width)s×%(height)s pixels: upload one at least %(min)s pixels on each side."),
            "too_small",
            width=width,
            height=height,
            min=MIN_SIDE,
        )
    if height > MAX_TALL * width:
        refuse(
            gettext_lazy(
                "This image is %(width)s×%(height)s pixels: upload one at most %(ratio)s times as tall as it is wide."
            ),
            "too_tall",
            width=width,
            height=height,
            ratio=MAX_TALL,
        )
    try:
        image.load()
    except (OSError, SyntaxError, ValueError):
        refuse(gettext_lazy("This image is damaged or cut short: upload the complete file."), "damaged")
    return image


def too_many_pixels_message():
    return gettext_lazy("This image has too many pixels: upload one of at most %(max)s megapixels.")


class PictureField(forms.ImageField):
    """An upload field that runs checked_image(): clear messages instead of ImageField's one."""

    default_error_messages = {
        "invalid_image": gettext_lazy("This file is not an image: upload a JPEG, PNG or WebP picture.")
    }

    def to_python(self, data):
        upload = forms.FileField.to_python(self, data)
        if upload is None:
            return None
        image = checked_image(upload)
        upload.image = image
        upload.content_type = Image.MIME.get(image.format)
        upload.seek(0)
        return upload


@dataclass
class Processed:
    """An upload made ready to store: its kept copy and its renditions, by storage name."""

    digest: str
    name: str
    content: bytes
    width: int
    height: int
    files: dict = field(default_factory=dict)
    renditions: dict = field(default_factory=dict)


def encode(image, pillow_format, **options):
    buffer = BytesIO()
    image.save(buffer, pillow_format, **ENCODER_OPTIONS.get(pillow_format, {}), **options)
    return buffer.getvalue()


def flattened(image):
    """Return `image` in RGB, an alpha channel laid on white, as JPEG needs."""
    if image.mode in ("RGB", "L"):
        return image.convert("RGB")
    rgba = image.convert("RGBA")
    background = Image.new("RGB", rgba.size, "white")
    background.paste(rgba, mask=rgba.getchannel("A"))
    return background


def process(upload):
    """
    Return the Processed form of `upload` (checked by checked_image()): re-encoded in its own
    format with its orientation applied and no metadata but its colour profile, and one
    rendition a width of WIDTHS (and the full width, when narrower than the largest) in each of
    RENDITION_FORMATS, named from the content's hash so that one content is stored once.
    """
    upload.seek(0)
    source = Image.open(upload)
    pillow_format = source.format
    icc = source.info.get("icc_profile")
    image = ImageOps.exif_transpose(source)
    if image.mode not in ("RGB", "RGBA", "L", "LA"):
        image = image.convert("RGBA" if "A" in image.getbands() or "transparency" in image.info else "RGB")
    profile = {"icc_profile": icc} if icc else {}
    if pillow_format == "JPEG":
        image = flattened(image)
    content = encode(image, pillow_format, **profile)
    digest = hashlib.sha256(content).hexdigest()[:32]
    width, height = image.size
    processed = Processed(digest, f"{FOLDER}/{digest}.{FORMATS[pillow_format]}", content, width, height)
    widths = sorted({min(size, width) for size in WIDTHS})
    for key, rendition_format in RENDITION_FORMATS:
        sizes = []
        for size in widths:
            scaled = image if size == width else image.resize((size, round(height * size / width)), Image.LANCZOS)
            if rendition_format == "JPEG":
                scaled = flattened(scaled)
            name = f"{FOLDER}/{digest}-{size}.{EXTENSIONS[rendition_format]}"
            processed.files[name] = encode(scaled, rendition_format, **profile)
            sizes.append([size, name])
        processed.renditions[key] = sizes
    return processed
