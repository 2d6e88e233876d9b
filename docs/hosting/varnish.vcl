vcl 4.1;
# Varnish in front of CommunesPlone (docs/hosting.md). Tested by
# tests/hosting/test_hosting_cache.py with Debian's varnish; `make start-cluster`
# writes a copy with its backends in place of the block below.
#
# The rules, in short:
# - only answers that Plone marks shareable (Cache-Control with s-maxage, no
#   "private", no Set-Cookie) are kept; everything else goes to Zope each time;
# - a visitor who is somebody (Plone's session, a REST token, basic or bearer
#   authentication, the identity-assurance cookie) or who has a status message
#   waiting is never served from the cache;
# - the cache keeps one copy per language (the language cookie, else the
#   browser's first language);
# - a PURGE from Zope (plone.cachepurging) forgets the path with its views and
#   queries: /demo/annuaire also forgets /demo/annuaire/@@faceted_query?...

import directors;

# BACKENDS (start-cluster replaces this block)
backend zope0 { .host = "127.0.0.1"; .port = "8080"; }
# END BACKENDS

acl purgers {
    "127.0.0.1";
    "::1";
}

sub vcl_init {
    new zope = directors.round_robin();
    # DIRECTOR (start-cluster replaces this block)
    zope.add_backend(zope0);
    # END DIRECTOR
}

sub vcl_recv {
    set req.backend_hint = zope.backend();
    unset req.http.X-CP-Language;

    if (req.method == "PURGE") {
        if (client.ip !~ purgers) {
            return (synth(405, "Not allowed"));
        }
        # the path, then nothing, a slash, a query, a view (@@x, @x, /view)
        ban("obj.http.X-CP-Url ~ ^" + regsub(req.url, "[?].*$", "") +
            "(/?$|/?[?]|/@@?[^/]*$|/@@?[^/?]*[?]|/view$)");
        return (synth(200, "Purged"));
    }
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    if (req.http.Authorization) {
        return (pass);
    }
    if (req.http.Cookie ~ "(^|;\s*)(__ac|auth_token|_ZopeId|__cp_assurance|__cp_oidc|statusmessages)=") {
        return (pass);
    }
    if (req.http.Cookie ~ "(^|;\s*)I18N_LANGUAGE=") {
        set req.http.X-CP-Language = regsub(req.http.Cookie, "^.*?(^|;\s*)I18N_LANGUAGE=\x22?([a-zA-Z-]+).*$", "\2");
    } elsif (req.http.Accept-Language) {
        set req.http.X-CP-Language = regsub(req.http.Accept-Language, "^\s*([a-zA-Z]{2}).*$", "\1");
    } else {
        set req.http.X-CP-Language = "-";
    }
    return (hash);
}

sub vcl_hash {
    hash_data(req.http.X-CP-Language);
    # Zope answers JSON or HTML to the same URL depending on Accept (REST)
    if (req.http.Accept ~ "application/json") {
        hash_data("json");
    }
}

sub vcl_backend_response {
    set beresp.http.X-CP-Url = bereq.url;
    if (beresp.http.Set-Cookie
            || beresp.http.Cache-Control ~ "(private|no-store|no-cache)"
            || beresp.http.Cache-Control !~ "(s-maxage|public)") {
        set beresp.uncacheable = true;
        set beresp.ttl = 120s;
        return (deliver);
    }
}

sub vcl_deliver {
    unset resp.http.X-CP-Url;
    if (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
}
