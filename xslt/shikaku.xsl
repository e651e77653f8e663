<?xml version="1.0" encoding="UTF-8"?>
<!--
  shikaku.xsl - shared entry stylesheet (CORE-2).

  Every tenant's theme.xsl imports this file and overrides what it needs; the
  central-IT site (ops hosts) is rendered with this file directly.  The input
  is the XML model of one page (CORE-3, docs/ARCHITECTURE.md):

    <page name="home" lang="ja" status="200" method="GET" path="/">…</page>

  The modules below are *included*, not imported, so that all shared
  templates share one import precedence: a tenant theme that imports this
  file then overrides any of them simply by defining a template with the same
  name or match pattern.

  Security: no disable-output-escaping in the XSLT; every piece of model data
  is written with xsl:value-of or an attribute value template, so libxslt
  escapes it.  The C passes (src/core/render_pass.c) that stand for a few
  templates hand their markup over as one disable-output-escaping text
  node, escaped by html_out.c's own functions, and tests/golden checks it
  byte for byte against the XSLT it replaces.  No inline script or style is ever produced (CSP default-src
  'self'): all styling comes from /assets/shikaku.css and /static/theme.css.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform">

  <!-- HTML5: "about:legacy-compat" is the XSLT 1.0 way to get <!DOCTYPE html>. -->
  <xsl:output method="html" encoding="UTF-8"
      doctype-system="about:legacy-compat" indent="no"/>

  <!-- Whitespace-only text in the model is never meaningful. -->
  <xsl:strip-space elements="*"/>

  <!--
    Display language.  Only "ja" and "en" exist; anything else falls back to
    Japanese (CORE-22).  The value is used to build catalogue paths, so it is
    normalised here and never taken verbatim from the model.
    XSLT 1.0 evaluates every global variable on every transform, and a
    variable with a body is a result-tree fragment (a little document made
    each time, converted back to a string at each use); these are plain
    strings chosen by select= instead: a boolean counts 1 or 0, so
    substring('jaen', 1 + 2 * TEST, 2) is "en" when TEST holds, else "ja".
  -->
  <xsl:variable name="lang" select="substring('jaen', 1 + 2 * (/page/@lang = 'en'), 2)"/>
  <xsl:variable name="other-lang" select="substring('enja', 1 + 2 * ($lang = 'en'), 2)"/>

  <!--
    The central-IT console (<site slug="ops">, or no tenant at all) has no
    tenant static files (nginx serves /static/ on tenant hosts only) and a
    neutral brand.
  -->
  <xsl:variable name="is-ops"
      select="/page/site/@slug = 'ops' or not(/page/site/@slug)
              or starts-with(/page/@name, 'ops-')"/>

  <!--
    Site name in the member's language, falling back to the first one, and
    to the catalogue's "ops.name" when the model names no site (a message
    needs the template t under xsltproc, hence a fragment; it stays empty
    but in that case).  A node-set's string is its first node's in
    document order; substring(S, 1 div B) is S when B holds and "" when
    not (1 div 0 is Infinity).  Each location path costs libxml2 about a
    thousand instructions a step, so the names are found once.
  -->
  <xsl:variable name="site-names" select="/page/site/name"/>
  <xsl:variable name="site-name-msg">
    <xsl:if test="not($site-names)">
      <xsl:call-template name="t"><xsl:with-param name="k" select="'ops.name'"/></xsl:call-template>
    </xsl:if>
  </xsl:variable>
  <xsl:variable name="site-name"
      select="concat($site-names[@lang = $lang],
                     substring($site-names, 1 div not($site-names[@lang = $lang])),
                     $site-name-msg)"/>

  <!--
    Grouped like src/: core/ (messages, the page frame, the shared form
    components, the core's pages), identity/, upload/, and one stylesheet
    per feature under feature/<name>/.
  -->
  <xsl:include href="core/i18n.xsl"/>
  <xsl:include href="core/layout.xsl"/>
  <xsl:include href="core/components.xsl"/>
  <xsl:include href="core/pages.xsl"/>
  <xsl:include href="identity/auth.xsl"/>
  <xsl:include href="identity/account.xsl"/>
  <xsl:include href="identity/member.xsl"/>
  <xsl:include href="upload/upload.xsl"/>
  <xsl:include href="apply/apply.xsl"/>
  <xsl:include href="apply/dashboard.xsl"/>
  <xsl:include href="pdf/cert.xsl"/>
  <xsl:include href="credit/credit.xsl"/>
  <xsl:include href="credit/codes.xsl"/>
  <xsl:include href="apply/review.xsl"/>
  <xsl:include href="apply/import.xsl"/>
  <xsl:include href="apply/offering_admin.xsl"/>
  <xsl:include href="feature/admin/admin.xsl"/>
  <xsl:include href="feature/ops/ops.xsl"/>
  <xsl:include href="feature/recruit/recruit.xsl"/>
  <xsl:include href="feature/register/register.xsl"/>
  <xsl:include href="feature/cme/cme.xsl"/>
  <xsl:include href="feature/renewal/renewal.xsl"/>
  <xsl:include href="feature/certify/certify.xsl"/>
  <xsl:include href="feature/certify/second.xsl"/>

</xsl:stylesheet>
