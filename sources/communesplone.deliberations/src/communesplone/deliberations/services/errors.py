"""The JSON error bodies of the conventions (``ValidationError`` with per-field errors)."""

from zope.i18n import translate


def validation_error(request, message, field):
    """Set 400 and return ``{"error": {"type": "ValidationError", ...}}``."""
    text = translate(message, context=request)
    request.response.setStatus(400)
    return {"error": {"type": "ValidationError", "message": text,
                      "errors": [{"field": field, "message": text}]}}


def workflow_error(request, error):
    request.response.setStatus(400)
    return {"error": {"type": "WorkflowException", "message": str(error)}}
