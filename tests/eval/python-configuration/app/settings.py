"""Application settings."""

import os

from pydantic import PostgresDsn, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

DEBUG = True  # expect: python-configuration/debug-true
VERBOSE_DEBUG = os.environ.get("APP_VERBOSE", "false").lower() == "true"  # near: python-configuration/debug-true

STRIPE_API_KEY = "rk_prod_51Hx0QbF2eZvKYlo2C8h7"  # expect: python-configuration/hardcoded-secret
SENDGRID_API_KEY = os.environ["SENDGRID_API_KEY"]  # near: python-configuration/hardcoded-secret
TOKEN_URL = "https://auth.example.com/oauth/token"  # near: python-configuration/hardcoded-secret
PASSWORD_RESET_TEMPLATE = "emails/password_reset.html"  # near: python-configuration/hardcoded-secret


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="APP_", env_file=".env")

    database_url: PostgresDsn
    api_key: SecretStr
    timeout_s: float = 5.0
    retries: int = 3


def legacy_connect(driver):
    return driver.connect(host="db", user="app", password="Sup3rS3cretPassw0rd")  # expect: python-configuration/hardcoded-secret


def connect(driver, settings: Settings):
    return driver.connect(host="db", user="app", password=settings.api_key.get_secret_value())  # near: python-configuration/hardcoded-secret
