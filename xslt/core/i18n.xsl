<?xml version="1.0" encoding="UTF-8"?>
<!--
  i18n.xsl - message lookup (CORE-22).

  Lookup order for a key: the tenant catalogue, the shared catalogue
  (xslt/i18n/<lang>.xml), and finally the key itself, so that a missing
  message is visible instead of silently blank.

  Two ways to reach the catalogues, same result:
  - Under shikakud (src/render.c) the catalogues are parsed once per worker
    into hash tables and reached through the extension functions
    sk:t(key [, lang]) and sk:has(key) (namespace urn:shikaku:xslt), which
    already apply the tenant-then-shared order.  Nothing is read per request.
  - Anywhere else (plain xsltproc while editing a theme) those functions do
    not exist, and the catalogues are read with document().  document()
    with a *string* argument resolves against the stylesheet module that
    contains the expression: '../i18n/ja.xml' here (xslt/core/) means
    xslt/i18n/ja.xml, and the tenant's catalogue is
    '../../tenants/<slug>/i18n/ja.xml'.
  XSLT 1.0 evaluates every global variable on every transform, used or
  not, so the catalogues are not global variables: the xsltproc branch of
  msg and has-msg reads them (document() keeps a file it has loaded for
  the rest of the transform), and under the daemon nothing is evaluated
  for them at all.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:sk="urn:shikaku:xslt"
    xmlns:exsl="http://exslt.org/common"
    exclude-result-prefixes="sk exsl">

  <!-- True under shikakud, false under xsltproc. -->
  <xsl:variable name="have-sk" select="function-available('sk:t')"/>

  <!--
    cat-m (xsltproc only): copies of the first <m k="$k"> of the tenant
    catalogue ($tcat true) or of the shared one, as a result-tree fragment.
    The tenant catalogue is tenants/<slug>/i18n/<lang>.xml, the slug the
    model names; the path resolves against this file (xslt/core/), so it
    climbs to the tenants/ directory beside xslt/, as laid out in the source
    tree and under pkgdatadir.  The slug builds a path, so it is used only
    when it is a plain name (letters, digits, "-", "_"); the ops host and
    an unknown host have no tenant catalogue.
  -->
  <xsl:template name="cat-m">
    <xsl:param name="k"/>
    <xsl:param name="tcat"/>
    <xsl:variable name="slug" select="string(/page/site/@slug)"/>
    <xsl:choose>
      <xsl:when test="not($tcat)">
        <xsl:copy-of select="document(concat('../i18n/', $lang, '.xml'))/catalog/m[@k = $k][1]"/>
      </xsl:when>
      <xsl:when test="$slug != '' and $slug != 'ops'
                      and translate($slug,
                          'abcdefghijklmnopqrstuvwxyz0123456789-_', '') = ''">
        <xsl:copy-of select="document(concat('../../tenants/', $slug, '/i18n/', $lang, '.xml'))/catalog/m[@k = $k][1]"/>
      </xsl:when>
    </xsl:choose>
  </xsl:template>

  <!-- The raw message for $k, before "{0}" substitution. -->
  <xsl:template name="msg">
    <xsl:param name="k"/>
    <xsl:choose>
      <xsl:when test="$have-sk"><xsl:value-of select="sk:t($k)"/></xsl:when>
      <xsl:otherwise>
        <xsl:variable name="tm">
          <xsl:call-template name="cat-m">
            <xsl:with-param name="k" select="$k"/>
            <xsl:with-param name="tcat" select="true()"/>
          </xsl:call-template>
        </xsl:variable>
        <xsl:variable name="sm">
          <xsl:call-template name="cat-m"><xsl:with-param name="k" select="$k"/></xsl:call-template>
        </xsl:variable>
        <xsl:choose>
          <xsl:when test="exsl:node-set($tm)/m"><xsl:value-of select="$tm"/></xsl:when>
          <xsl:when test="exsl:node-set($sm)/m"><xsl:value-of select="$sm"/></xsl:when>
          <xsl:otherwise><xsl:value-of select="$k"/></xsl:otherwise>
        </xsl:choose>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!--
    t: write the message for key $k.  "{0}" in the message is replaced by
    $arg (e.g. the maximum number of characters for err.too-long).
  -->
  <xsl:template name="t">
    <xsl:param name="k"/>
    <xsl:param name="arg" select="''"/>
    <xsl:choose>
      <!-- Under shikakud: one C call, no result-tree fragments. -->
      <xsl:when test="$have-sk"><xsl:value-of select="sk:tf(string($k), string($arg))"/></xsl:when>
      <xsl:otherwise>
        <xsl:variable name="raw">
          <xsl:call-template name="msg"><xsl:with-param name="k" select="string($k)"/></xsl:call-template>
        </xsl:variable>
        <xsl:call-template name="subst">
          <xsl:with-param name="s" select="string($raw)"/>
          <xsl:with-param name="arg" select="string($arg)"/>
        </xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Replace every "{0}" in $s by $arg (plain text, escaped on output). -->
  <xsl:template name="subst">
    <xsl:param name="s"/>
    <xsl:param name="arg"/>
    <xsl:choose>
      <xsl:when test="contains($s, '{0}')">
        <xsl:value-of select="substring-before($s, '{0}')"/>
        <xsl:value-of select="$arg"/>
        <xsl:call-template name="subst">
          <xsl:with-param name="s" select="substring-after($s, '{0}')"/>
          <xsl:with-param name="arg" select="$arg"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="$s"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!--
    has-msg: "1" when a catalogue defines key $k, else "".  Used where a
    missing message should leave nothing rather than print the key (optional
    taglines, titles of unknown pages).
  -->
  <xsl:template name="has-msg">
    <xsl:param name="k"/>
    <xsl:choose>
      <xsl:when test="$have-sk"><xsl:if test="sk:has(string($k))">1</xsl:if></xsl:when>
      <xsl:otherwise>
        <xsl:variable name="m">
          <xsl:call-template name="cat-m">
            <xsl:with-param name="k" select="$k"/>
            <xsl:with-param name="tcat" select="true()"/>
          </xsl:call-template>
          <xsl:call-template name="cat-m"><xsl:with-param name="k" select="$k"/></xsl:call-template>
        </xsl:variable>
        <xsl:if test="exsl:node-set($m)/m">1</xsl:if>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!--
    date: "2025-04-01" → 「2025年4月1日」 (ja) or "1 Apr 2025" (en).  Anything
    not shaped like YYYY-MM-DD is written as is.
  -->
  <xsl:template name="date">
    <xsl:param name="d"/>
    <xsl:choose>
      <!-- Under shikakud: one C call (src/core/xdate.c, proven against
           the branch below by tests/unit/t_xdate.c). -->
      <xsl:when test="$have-sk"><xsl:value-of select="sk:date(string($d), $lang)"/></xsl:when>
      <xsl:otherwise>
        <xsl:variable name="y" select="substring($d, 1, 4)"/>
        <xsl:variable name="m" select="number(substring($d, 6, 2))"/>
        <xsl:variable name="dd" select="number(substring($d, 9, 2))"/>
        <xsl:choose>
          <xsl:when test="string-length($d) &lt; 10
                          or translate(substring($d, 1, 10), '0123456789', '') != '--'
                          or substring($d, 5, 1) != '-'
                          or not($m &gt;= 1 and $m &lt;= 12)
                          or not($dd &gt;= 1 and $dd &lt;= 31)">
            <xsl:value-of select="$d"/>
          </xsl:when>
          <xsl:when test="$lang = 'en'">
            <xsl:value-of select="concat($dd, ' ',
                substring('JanFebMarAprMayJunJulAugSepOctNovDec', $m * 3 - 2, 3),
                ' ', $y)"/>
          </xsl:when>
          <xsl:otherwise>
            <xsl:value-of select="concat($y, '年', $m, '月', $dd, '日')"/>
          </xsl:otherwise>
        </xsl:choose>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!--
    href-ok: "1" if $href is a local path ("/…" but not "//…"), a fragment,
    or an http(s)/mailto URL; else "".  Links whose target comes from data
    (notices, home links) are only written when it is "1", so a
    "javascript:" URL typed by an admin never reaches the page.
  -->
  <xsl:template name="href-ok">
    <xsl:param name="href"/>
    <xsl:if test="(starts-with($href, '/') and not(starts-with($href, '//')))
                  or starts-with($href, '#')
                  or starts-with($href, 'https://')
                  or starts-with($href, 'http://')
                  or starts-with($href, 'mailto:')">1</xsl:if>
  </xsl:template>

</xsl:stylesheet>
