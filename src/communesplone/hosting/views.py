"""``@@ok``: the health check of the load balancer."""

from Products.Five.browser import BrowserView


class OK(BrowserView):
    """200 ``OK`` for anybody, never cached; says nothing about the data.

    Reaching it proves the process answers and its database opened (the
    publisher loaded the root object from the storage to traverse here).
    """

    def __call__(self):
        response = self.request.response
        response.setHeader("Content-Type", "text/plain; charset=utf-8")
        response.setHeader("Cache-Control", "no-store")
        return "OK"


class OperateView(BrowserView):
    """POST JSON ``{"action": ..., "site": ...}``: the site operations over HTTP.

    For the ``communesplone`` command while a FileStorage server runs (it
    holds the lock). Actions: ``upgrade``, ``install``/``uninstall``
    (``addon``), ``export``/``import`` (``folder`` on this machine; ``preset``,
    ``title``, ``language`` for a new site). Managers of the Zope root only;
    CSRF protection is off for JSON bodies only, as for ``@@communesplone-sites``.
    """

    def __call__(self):
        import json
        import transaction
        from plone.protect.interfaces import IDisableCSRFProtection
        from zope.interface import alsoProvides

        response = self.request.response
        response.setHeader("Content-Type", "application/json")
        if self.request.method != "POST" or not self.request.getHeader(
            "Content-Type", ""
        ).startswith("application/json"):
            response.setStatus(415)
            return json.dumps({"error": {"type": "BadRequest", "message": "POST a JSON body"}})
        alsoProvides(self.request, IDisableCSRFProtection)
        try:
            data = json.loads(self.request.get("BODY") or b"{}")
            result = operate(self.context, data)
        except ValueError as error:  # SiteError, PresetError, bad JSON
            transaction.abort()
            response.setStatus(400)
            return json.dumps({"error": {"type": type(error).__name__, "message": str(error)}})
        return json.dumps(result)


def operate(app, data):
    """Run one site operation on ``app`` (the Zope root); a JSON-able result."""
    from communesplone.policy import sites

    action = data.get("action")
    site_id = data.get("site")
    if action == "upgrade":
        return {"site": site_id, "upgraded": sites.upgrade_site(sites.get_site(app, site_id))}
    if action in ("install", "uninstall"):
        site = sites.get_site(app, site_id)
        changed = sites.change_addon(site, data.get("addon"), install=action == "install")
        return {"site": site_id, "changed": changed}
    if action == "create":
        site = sites.create_site(
            app, site_id, title=data.get("title"), preset_name=data.get("preset") or "commune",
            language=data.get("language"), commune=data.get("commune"),
            addons=data.get("addons"))
        return {"site": site.getId(), "url": site.absolute_url()}
    if action in ("suspend", "resume"):
        from communesplone.hosting import suspension

        site = sites.get_site(app, site_id)
        if action == "suspend":
            suspension.suspend(site)
        else:
            suspension.resume(site)
        return {"site": site_id, "suspended": suspension.is_suspended(site)}
    if action == "remove":
        site = sites.get_site(app, site_id)
        paths = sites.export_site(site, data["folder"])
        app.manage_delObjects([site_id])
        return {"site": site_id, "files": len(paths), "removed": True}
    if action == "caching":
        from communesplone.policy.caching import configure_proxies

        configure_proxies(sites.get_site(app, site_id), data.get("proxies") or ())
        return {"site": site_id, "proxies": list(data.get("proxies") or ())}
    if action == "mail":
        from communesplone.policy.mailsettings import mail_settings

        settings = mail_settings(sites.get_site(app, site_id), data.get("settings") or {})
        return {"site": site_id, "mail": settings}
    if action == "export":
        paths = sites.export_site(sites.get_site(app, site_id), data["folder"])
        return {"site": site_id, "files": len(paths)}
    if action == "import":
        site, _report = sites.import_site(
            app, site_id, data["folder"], preset_name=data.get("preset") or "commune",
            title=data.get("title"), language=data.get("language"),
        )
        return {"site": site.getId(), "url": site.absolute_url()}
    if action == "jobs":
        from communesplone.policy.jobs import run_jobs

        return {"site": site_id,
                "jobs": run_jobs(sites.get_site(app, site_id), only=data.get("only"))}
    raise sites.SiteError(f"Unknown action {action!r}.")
