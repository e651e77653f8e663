<?xml version="1.0" encoding="UTF-8"?>
<!--
  neutral.xsl - the page for a Host that matches no tenant (CORE-1).

  Standalone on purpose: it must not show any tenant's name, logo, colours
  or menu, nor hint at which tenants exist.  Bilingual, because we do not
  know who is asking: the model's language first (as <h1>), the other one
  below it.  Model:  <page name="unknown-host" lang="ja" status="404"/>
  The host of a tenant central IT disabled gets the same page, worded
  「現在ご利用いただけません」 (name="tenant-unavailable", 503, keys
  neutral.off.*), naming no tenant either.
  Wording comes from the shared catalogues (keys neutral.*).  Styling from
  /assets/shikaku.css (shared assets); the page stays readable without it.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:sk="urn:shikaku:xslt"
    xmlns:exsl="http://exslt.org/common"
    exclude-result-prefixes="sk exsl">

  <xsl:output method="html" encoding="UTF-8"
      doctype-system="about:legacy-compat" indent="no"/>

  <!--
    XSLT 1.0 evaluates every global variable on every transform; these are
    plain strings chosen by select= (a boolean counts 1 or 0), not
    result-tree fragments made each time.
  -->
  <xsl:variable name="first" select="substring('jaen', 1 + 2 * (/page/@lang = 'en'), 2)"/>
  <xsl:variable name="second" select="substring('enja', 1 + 2 * ($first = 'en'), 2)"/>

  <!--
    Messages: sk:t(key, lang) under shikakud (catalogues held in memory,
    see xslt/core/i18n.xsl); under xsltproc the shared catalogue of the
    language is read with document() where a message is asked for, the
    literal paths resolving against this file (xslt/i18n/), so that nothing
    is evaluated for it under the daemon.
  -->
  <!-- A disabled tenant's host (OPS-1): the same neutral page, 503. -->
  <xsl:variable name="off" select="/page/@name = 'tenant-unavailable'"/>
  <xsl:variable name="pfx" select="concat('neutral.', substring('off.', 1, 4 * $off))"/>

  <xsl:variable name="have-sk" select="function-available('sk:t')"/>

  <xsl:template name="m">
    <xsl:param name="l"/>
    <xsl:param name="k"/>
    <xsl:choose>
      <xsl:when test="$have-sk"><xsl:value-of select="sk:t($k, $l)"/></xsl:when>
      <xsl:when test="$l = 'ja'"><xsl:value-of select="document('i18n/ja.xml')/catalog[@lang = $l]/m[@k = $k]"/></xsl:when>
      <xsl:when test="$l = 'en'"><xsl:value-of select="document('i18n/en.xml')/catalog[@lang = $l]/m[@k = $k]"/></xsl:when>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="/">
    <html lang="{$first}">
      <head>
        <!-- See layout.xsl: the serializer's http-equiv form is the one declaration. -->
        <meta http-equiv="Content-Type" content="text/html; charset=UTF-8"/>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <meta name="robots" content="noindex"/>
        <title>
          <xsl:call-template name="m">
            <xsl:with-param name="l" select="$first"/>
            <xsl:with-param name="k" select="concat($pfx, 'title')"/>
          </xsl:call-template>
          <xsl:text> / </xsl:text>
          <xsl:call-template name="m">
            <xsl:with-param name="l" select="$second"/>
            <xsl:with-param name="k" select="concat($pfx, 'title')"/>
          </xsl:call-template>
        </title>
        <link rel="stylesheet" href="/assets/shikaku.css"/>
      </head>
      <body class="page-unknown-host neutral">
        <main id="main" class="neutral-main">
          <p class="error-code">
            <xsl:choose>
              <xsl:when test="$off">503</xsl:when>
              <xsl:otherwise>404</xsl:otherwise>
            </xsl:choose>
          </p>
          <xsl:call-template name="block">
            <xsl:with-param name="l" select="$first"/>
            <xsl:with-param name="h" select="'h1'"/>
          </xsl:call-template>
          <xsl:call-template name="block">
            <xsl:with-param name="l" select="$second"/>
            <xsl:with-param name="h" select="'h2'"/>
          </xsl:call-template>
        </main>
      </body>
    </html>
  </xsl:template>

  <xsl:template name="block">
    <xsl:param name="l"/>
    <xsl:param name="h"/>
    <section class="neutral-block" lang="{$l}">
      <xsl:element name="{$h}">
        <xsl:call-template name="m">
          <xsl:with-param name="l" select="$l"/>
          <xsl:with-param name="k" select="concat($pfx, 'title')"/>
        </xsl:call-template>
      </xsl:element>
      <p>
        <xsl:call-template name="m">
          <xsl:with-param name="l" select="$l"/>
          <xsl:with-param name="k" select="concat($pfx, 'text')"/>
        </xsl:call-template>
      </p>
      <p>
        <xsl:call-template name="m">
          <xsl:with-param name="l" select="$l"/>
          <xsl:with-param name="k" select="concat($pfx, 'hint')"/>
        </xsl:call-template>
      </p>
    </section>
  </xsl:template>

</xsl:stylesheet>
