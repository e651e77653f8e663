<?xml version="1.0" encoding="UTF-8"?>
<!--
  pages.xsl - the core's pages (src/core.c, the error pages of
  src/model.c) and the generic page.  Every page stylesheet (here,
  identity/, upload/, feature/<name>/) has one template per page name, in
  two modes:
    mode="title"    the page title (for <title>), without the tenant name
    mode="content"  what goes inside <main> after the error summary
  A page no stylesheet knows falls back to the generic templates at the
  bottom: its title from "title.<name>" if a catalogue has it, and its
  form (if any).
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:str="http://exslt.org/strings"
    xmlns:sk="urn:shikaku:xslt"
    exclude-result-prefixes="str sk">

  <!-- ================================================================
       home: welcome, links the later pages fill in, the tenant's notices
       Model:
         <content>
           <links><link key="menu.register" href="/register" kind="primary">
                    <note key="…"/></link>…</links>          (optional)
           <notices unavailable="1"(when the database is down)>
             <notice id="…" date="2025-04-01" href="/…"(optional)>
                      <title>…</title><body>…</body>(optional)
                    </notice>…</notices>
         </content>
       ================================================================ -->

  <xsl:template match="page[@name = 'home']" mode="content">
    <xsl:call-template name="home-intro"/>
    <xsl:apply-templates select="content/links[link]"/>
    <xsl:call-template name="home-notices"/>
  </xsl:template>

  <!-- Tenants override this to give their home page its own face. -->
  <xsl:template name="home-intro">
    <section class="home-intro">
      <h1><xsl:value-of select="$site-name"/></h1>
      <p class="lead">
        <xsl:call-template name="t"><xsl:with-param name="k" select="'home.intro'"/></xsl:call-template>
      </p>
    </section>
  </xsl:template>

  <xsl:template match="content/links">
    <section class="home-links" aria-labelledby="home-links-title">
      <h2 id="home-links-title">
        <xsl:call-template name="t"><xsl:with-param name="k" select="'home.links'"/></xsl:call-template>
      </h2>
      <ul class="link-cards">
        <xsl:for-each select="link">
          <li>
            <xsl:attribute name="class">
              <xsl:choose>
                <xsl:when test="@kind = 'primary' or @kind = 'secondary'">
                  <xsl:value-of select="concat('link-card link-', @kind)"/>
                </xsl:when>
                <xsl:otherwise>link-card</xsl:otherwise>
              </xsl:choose>
            </xsl:attribute>
            <xsl:variable name="ok">
              <xsl:call-template name="href-ok"><xsl:with-param name="href" select="@href"/></xsl:call-template>
            </xsl:variable>
            <xsl:variable name="label">
              <xsl:call-template name="t"><xsl:with-param name="k" select="@key"/></xsl:call-template>
            </xsl:variable>
            <xsl:choose>
              <xsl:when test="$ok = '1'">
                <a class="link-card-link" href="{@href}"><xsl:value-of select="$label"/></a>
              </xsl:when>
              <xsl:otherwise>
                <span class="link-card-link"><xsl:value-of select="$label"/></span>
              </xsl:otherwise>
            </xsl:choose>
            <xsl:for-each select="note">
              <span class="link-note">
                <xsl:choose>
                  <xsl:when test="@key">
                    <xsl:call-template name="t"><xsl:with-param name="k" select="@key"/></xsl:call-template>
                  </xsl:when>
                  <xsl:otherwise><xsl:value-of select="."/></xsl:otherwise>
                </xsl:choose>
              </span>
            </xsl:for-each>
          </li>
        </xsl:for-each>
      </ul>
    </section>
  </xsl:template>

  <xsl:template name="home-notices">
    <section class="notices" aria-labelledby="notices-title">
      <h2 id="notices-title">
        <xsl:call-template name="t"><xsl:with-param name="k" select="'home.notices'"/></xsl:call-template>
      </h2>
      <xsl:choose>
        <!-- The database did not answer: the page still renders (src/core.c). -->
        <xsl:when test="/page/content/notices/@unavailable = '1'">
          <p class="empty">
            <xsl:call-template name="t"><xsl:with-param name="k" select="'home.notices.unavailable'"/></xsl:call-template>
          </p>
        </xsl:when>
        <xsl:when test="/page/content/notices/notice">
          <ul class="notice-list">
            <xsl:apply-templates select="/page/content/notices/notice"/>
          </ul>
        </xsl:when>
        <xsl:otherwise>
          <p class="empty">
            <xsl:call-template name="t"><xsl:with-param name="k" select="'home.notices.none'"/></xsl:call-template>
          </p>
        </xsl:otherwise>
      </xsl:choose>
    </section>
  </xsl:template>

  <xsl:template match="notice">
    <li class="notice">
      <xsl:if test="@date">
        <time class="notice-date" datetime="{@date}">
          <xsl:call-template name="date"><xsl:with-param name="d" select="@date"/></xsl:call-template>
        </time>
      </xsl:if>
      <h3 class="notice-title">
        <xsl:variable name="ok">
          <xsl:call-template name="href-ok"><xsl:with-param name="href" select="@href"/></xsl:call-template>
        </xsl:variable>
        <xsl:choose>
          <xsl:when test="$ok = '1'">
            <a href="{@href}"><xsl:value-of select="title"/></a>
          </xsl:when>
          <xsl:otherwise><xsl:value-of select="title"/></xsl:otherwise>
        </xsl:choose>
      </h3>
      <!-- Plain text; line breaks are kept by CSS (white-space: pre-line). -->
      <xsl:if test="normalize-space(body) != ''">
        <p class="notice-body"><xsl:value-of select="body"/></p>
      </xsl:if>
    </li>
  </xsl:template>

  <!-- ================================================================
       error: <content><error-page code="404"/></content>
       ================================================================ -->

  <!-- Message key prefix for the code: "error.404", or "error.generic". -->
  <xsl:template name="error-prefix">
    <xsl:variable name="code" select="string(/page/content/error-page/@code)"/>
    <xsl:choose>
      <xsl:when test="string-length($code) != 3
                      or translate($code, '0123456789', '') != ''">error.generic</xsl:when>
      <!-- Under shikakud: one C call, no result-tree fragment from has-msg. -->
      <xsl:when test="$have-sk and sk:has(concat('error.', $code, '.title'))">
        <xsl:value-of select="concat('error.', $code)"/>
      </xsl:when>
      <xsl:when test="$have-sk">error.generic</xsl:when>
      <xsl:otherwise>
        <xsl:variable name="known">
          <xsl:call-template name="has-msg">
            <xsl:with-param name="k" select="concat('error.', $code, '.title')"/>
          </xsl:call-template>
        </xsl:variable>
        <xsl:choose>
          <xsl:when test="$known = '1'"><xsl:value-of select="concat('error.', $code)"/></xsl:when>
          <xsl:otherwise>error.generic</xsl:otherwise>
        </xsl:choose>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="page[@name = 'error']" mode="title">
    <xsl:variable name="p"><xsl:call-template name="error-prefix"/></xsl:variable>
    <xsl:call-template name="t"><xsl:with-param name="k" select="concat($p, '.title')"/></xsl:call-template>
  </xsl:template>

  <xsl:template match="page[@name = 'error']" mode="content">
    <xsl:variable name="p"><xsl:call-template name="error-prefix"/></xsl:variable>
    <xsl:variable name="code" select="string(content/error-page/@code)"/>
    <section class="error-page">
      <xsl:if test="string-length($code) = 3 and translate($code, '0123456789', '') = ''">
        <p class="error-code">
          <xsl:call-template name="t"><xsl:with-param name="k" select="'error.code'"/></xsl:call-template>
          <xsl:text> </xsl:text>
          <xsl:value-of select="$code"/>
        </p>
      </xsl:if>
      <h1>
        <xsl:call-template name="t"><xsl:with-param name="k" select="concat($p, '.title')"/></xsl:call-template>
      </h1>
      <p class="lead">
        <xsl:call-template name="t"><xsl:with-param name="k" select="concat($p, '.text')"/></xsl:call-template>
      </p>
      <p class="error-actions">
        <a class="btn btn-primary" href="/">
          <xsl:call-template name="t"><xsl:with-param name="k" select="'error.back-home'"/></xsl:call-template>
        </a>
      </p>
    </section>
  </xsl:template>

  <!-- ================================================================
       form-demo: the generic form on its own (golden tests, CORE-21)
       ================================================================ -->

  <xsl:template match="page[@name = 'form-demo']" mode="content">
    <h1><xsl:apply-templates select="." mode="title"/></h1>
    <xsl:apply-templates select="form"/>
  </xsl:template>

  <!-- ================================================================
       Generic fallbacks
       ================================================================ -->

  <!--
    Title: @title-key if the model gives one, else "title.<name>" when a
    catalogue has it, else nothing (the <title> is then the tenant name).
  -->
  <xsl:template match="page" mode="title">
    <xsl:choose>
      <xsl:when test="@title-key">
        <xsl:call-template name="t"><xsl:with-param name="k" select="@title-key"/></xsl:call-template>
      </xsl:when>
      <!--
        Under shikakud: one C call, no result-tree fragment from has-msg
        (most pages take their title here, twice per page: <title> and
        <h1>).
      -->
      <xsl:when test="$have-sk">
        <xsl:if test="sk:has(concat('title.', @name))">
          <xsl:call-template name="t"><xsl:with-param name="k" select="concat('title.', @name)"/></xsl:call-template>
        </xsl:if>
      </xsl:when>
      <xsl:otherwise>
        <xsl:variable name="k" select="concat('title.', @name)"/>
        <xsl:variable name="known">
          <xsl:call-template name="has-msg"><xsl:with-param name="k" select="$k"/></xsl:call-template>
        </xsl:variable>
        <xsl:if test="$known = '1'">
          <xsl:call-template name="t"><xsl:with-param name="k" select="$k"/></xsl:call-template>
        </xsl:if>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!--
    Content of a page without its own template: its title as heading and
    the generic form if the model has one; nothing else page-specific.
  -->
  <xsl:template match="page" mode="content">
    <xsl:variable name="title"><xsl:apply-templates select="." mode="title"/></xsl:variable>
    <xsl:if test="normalize-space($title) != ''">
      <h1><xsl:value-of select="$title"/></h1>
    </xsl:if>
    <xsl:apply-templates select="form"/>
  </xsl:template>

</xsl:stylesheet>
