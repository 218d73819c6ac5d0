"""The API's exception handler: DRF's, with every 404 in the site's language."""

from django.http import Http404
from rest_framework import exceptions
from rest_framework.views import exception_handler as drf_exception_handler


def exception_handler(exc, context):
    """DRF turns a Django ``Http404`` into ``NotFound`` carrying its message, and ``get_object_or_404`` writes that
    message in English and names the model ("No Person matches the given query."). A record outside the
    jurisdiction must read like one that does not exist, in Chinese: DRF's own translated "未找到。"."""
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    return drf_exception_handler(exc, context)
