"""1008: sessions end at logout and after a password change; their idle lifetime
is set in the Commune control panel."""

from communesplone.core.sessions import configure_sessions


def upgrade(setup_tool):
    """Add the ``session_idle_hours`` record (values already set stay) and turn on
    per-user session secrets. Sessions opened before keep working: each moves to
    its member's own secret on its next request (``sessions.refresh_session``)."""
    setup_tool.runImportStepFromProfile("profile-communesplone.core:default",
                                        "plone.app.registry")
    configure_sessions()
