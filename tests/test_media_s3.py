"""Pictures in an S3-compatible store (moto's server on 127.0.0.1): uploads land in the bucket, pages point there."""

import os
import socket
from unittest import mock

import boto3
from django.conf import settings
from django.test import SimpleTestCase, TestCase, override_settings
from moto.server import ThreadedMotoServer

from .support.environment import settings_under
from .support.factories import ArticleFactory
from .support.pictures import make_picture

BUCKET = "kormex-media"


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class S3StorageTests(TestCase):
    @classmethod
    def setUpClass(cls):
        port = free_port()
        cls.server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
        cls.server.start()
        cls.addClassCleanup(cls.server.stop)
        cls.endpoint = f"http://127.0.0.1:{port}"
        credentials = {
            "AWS_ACCESS_KEY_ID": "testing",
            "AWS_SECRET_ACCESS_KEY": "testing",
            "AWS_DEFAULT_REGION": "us-east-1",
        }
        cls.enterClassContext(mock.patch.dict(os.environ, credentials))
        cls.s3 = boto3.client("s3", endpoint_url=cls.endpoint, region_name="us-east-1")
        cls.s3.create_bucket(Bucket=BUCKET)
        storage = {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {"bucket_name": BUCKET, "endpoint_url": cls.endpoint, "querystring_auth": False},
        }
        cls.enterClassContext(override_settings(STORAGES={**settings.STORAGES, "default": storage}, PAGE_CACHE=False))
        super().setUpClass()

    def test_an_upload_lands_in_the_bucket_and_the_page_points_to_it(self):
        article = ArticleFactory()
        picture = make_picture(article)
        keys = {item["Key"] for item in self.s3.list_objects_v2(Bucket=BUCKET)["Contents"]}
        self.assertTrue(set(picture.stored_names()) <= keys)
        page = self.client.get(article.get_absolute_url()).content.decode()
        webp = picture.renditions["webp"][0][1]
        self.assertIn(f'srcset="{self.endpoint}/{BUCKET}/{webp} 480w', page)
        body = self.s3.get_object(Bucket=BUCKET, Key=picture.image.name)["Body"].read()
        self.assertEqual(body[:2], b"\xff\xd8")


class S3SettingsTests(SimpleTestCase):
    def storage_and_images(self, **env):
        unset = dict.fromkeys(
            ["KORMEX_S3_BUCKET", "KORMEX_S3_ENDPOINT_URL", "KORMEX_S3_REGION", "KORMEX_S3_CUSTOM_DOMAIN"], ""
        )
        values = settings_under({"DJANGO_DEBUG": "true", **unset, **env}, ["STORAGES", "CONTENT_SECURITY_POLICY"])
        return values["STORAGES"]["default"]["BACKEND"], values["CONTENT_SECURITY_POLICY"]["DIRECTIVES"]["img-src"]

    def test_files_stay_local_and_images_same_origin_without_a_bucket(self):
        self.assertEqual(self.storage_and_images(), ("django.core.files.storage.FileSystemStorage", ["'self'"]))

    def test_a_bucket_moves_pictures_there_and_the_csp_allows_its_origin(self):
        backend, sources = self.storage_and_images(
            KORMEX_S3_BUCKET="pictures", KORMEX_S3_ENDPOINT_URL="https://s3.example.org:9000/"
        )
        self.assertEqual(
            (backend, sources), ("storages.backends.s3.S3Storage", ["'self'", "https://s3.example.org:9000"])
        )
        _, sources = self.storage_and_images(KORMEX_S3_BUCKET="pictures", KORMEX_S3_CUSTOM_DOMAIN="img.example.org")
        self.assertEqual(sources, ["'self'", "https://img.example.org"])
        _, sources = self.storage_and_images(KORMEX_S3_BUCKET="pictures", KORMEX_S3_REGION="eu-west-1")
        self.assertEqual(sources, ["'self'", "https://pictures.s3.eu-west-1.amazonaws.com"])
