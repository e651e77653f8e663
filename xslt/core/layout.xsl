<?xml version="1.0" encoding="UTF-8"?>
<!--
  layout.xsl - the document around every page: head, header with the
  tenant's brand, the fixed menu (CORE-21), flash messages, the error
  summary, main content and footer.

  Hooks a tenant theme may override (same name, higher import precedence):
    named template "brand"        logo + name in the header
    named template "home-intro"   the top of the home page (pages.xsl)
    named template "footer-extra" extra footer content (empty here)
    mode "title" / "content"      per page (pages.xsl)

  The frame and main (issue 10, src/core/render.c render_split()): the
  daemon keeps the HTML around <main>'s content per worker and runs only
  main's content per request.  So everything outside <main> (head,
  header, brand, menu, footer, and these hooks) may read /page's
  attributes and its children other than content, form, errors and
  messages; of /page/user/name and /page/user/@csrf it may only show
  the value or test that it is there.  $skc-part says which run this is:
  '' the whole page (xsltproc, and every fallback), 'main' the title and
  main's content only (in <skc-part title="…">), 'frame' the page with
  a marker comment where main's content goes and $skc-title as the title.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:str="http://exslt.org/strings"
    exclude-result-prefixes="str">

  <xsl:param name="skc-part" select="''"/>
  <xsl:param name="skc-title" select="''"/>

  <xsl:template match="/">
    <xsl:apply-templates select="page"/>
  </xsl:template>

  <xsl:template match="/page">
    <!-- Page title without the tenant name; may be empty for unknown pages. -->
    <xsl:variable name="ptitle">
      <xsl:choose>
        <xsl:when test="$skc-part = 'frame'"><xsl:value-of select="$skc-title"/></xsl:when>
        <xsl:otherwise><xsl:apply-templates select="." mode="title"/></xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:choose>
      <xsl:when test="$skc-part = 'main'">
        <skc-part title="{normalize-space($ptitle)}">
          <xsl:call-template name="main-content"/>
        </skc-part>
      </xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="frame">
          <xsl:with-param name="ptitle" select="$ptitle"/>
        </xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- What <main> holds: errors first, at the top, in red (CORE-21). -->
  <xsl:template name="main-content">
    <xsl:call-template name="error-summary"/>
    <xsl:apply-templates select="messages"/>
    <xsl:apply-templates select="." mode="content"/>
  </xsl:template>

  <xsl:template name="frame">
    <xsl:param name="ptitle"/>
    <html lang="{$lang}">
      <head>
        <!--
          The encoding declaration.  libxml2's HTML serializer inserts
          <meta http-equiv="Content-Type" …> into every <head> that lacks
          one, so writing <meta charset> as well would give two declarations
          (invalid HTML5).  The http-equiv form is the HTML5 equivalent.
        -->
        <meta http-equiv="Content-Type" content="text/html; charset=UTF-8"/>
        <!-- Phones first (CORE-21): no fixed widths, no zoom lock. -->
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <!-- A page that must stay out of search engines (e.g. /verify). -->
        <xsl:if test="/page/@robots = 'noindex'">
          <meta name="robots" content="noindex"/>
        </xsl:if>
        <title>
          <xsl:if test="normalize-space($ptitle) != ''">
            <xsl:value-of select="concat(normalize-space($ptitle), ' | ')"/>
          </xsl:if>
          <xsl:value-of select="$site-name"/>
        </title>
        <link rel="stylesheet" href="/assets/shikaku.css"/>
        <xsl:if test="not($is-ops)">
          <!-- Tenant colours (CSS variables) and any tenant-specific rules. -->
          <link rel="stylesheet" href="/static/theme.css"/>
          <link rel="icon" type="image/svg+xml" href="/static/logo.svg"/>
        </xsl:if>
      </head>
      <body>
        <xsl:attribute name="class">
          <xsl:value-of select="concat('page-', translate(@name, ' ', '-'))"/>
          <xsl:if test="$is-ops"> ops</xsl:if>
          <xsl:if test="not($is-ops)">
            <xsl:value-of select="concat(' tenant-', site/@slug)"/>
          </xsl:if>
        </xsl:attribute>
        <a class="skip-link" href="#main">
          <xsl:call-template name="t"><xsl:with-param name="k" select="'site.skip'"/></xsl:call-template>
        </a>
        <header class="site-header">
          <div class="site-header-inner">
            <xsl:call-template name="brand"/>
            <div class="site-tools">
              <xsl:apply-templates select="user" mode="header"/>
              <xsl:call-template name="lang-switch"/>
            </div>
          </div>
        </header>
        <div>
          <!-- "has-menu" lets the wide layout reserve the menu column only when there is one. -->
          <xsl:attribute name="class">
            <xsl:text>site-body</xsl:text>
            <xsl:if test="menu/item"> has-menu</xsl:if>
          </xsl:attribute>
          <xsl:apply-templates select="menu"/>
          <main id="main" class="site-main" tabindex="-1">
            <xsl:choose>
              <xsl:when test="$skc-part = 'frame'"><xsl:comment>skc-main</xsl:comment></xsl:when>
              <xsl:otherwise><xsl:call-template name="main-content"/></xsl:otherwise>
            </xsl:choose>
          </main>
        </div>
        <footer class="site-footer">
          <div class="site-footer-inner">
            <p class="footer-name"><xsl:value-of select="$site-name"/></p>
            <xsl:if test="not($is-ops)">
              <p class="footer-contact">
                <xsl:call-template name="t"><xsl:with-param name="k" select="'footer.contact'"/></xsl:call-template>
              </p>
            </xsl:if>
            <xsl:call-template name="footer-extra"/>
            <p class="footer-powered">
              <xsl:call-template name="t"><xsl:with-param name="k" select="'footer.powered'"/></xsl:call-template>
            </p>
          </div>
        </footer>
      </body>
    </html>
  </xsl:template>

  <!--
    brand: the tenant's logo and name, linking home.  The logo's alt text is
    the tenant name (so the link has a name even without CSS); the visible
    name beside it repeats that text and is hidden from assistive technology
    so it is not announced twice.  An optional tagline comes from the
    tenant catalogue key "brand.tagline".
  -->
  <xsl:template name="brand">
    <a class="brand" href="/">
      <xsl:choose>
        <xsl:when test="$is-ops">
          <span class="brand-name"><xsl:value-of select="$site-name"/></span>
        </xsl:when>
        <xsl:otherwise>
          <img class="brand-logo" src="/static/logo.svg" width="48" height="48" alt="{$site-name}"/>
          <span class="brand-text" aria-hidden="true">
            <span class="brand-name"><xsl:value-of select="$site-name"/></span>
            <xsl:call-template name="brand-tagline"/>
          </span>
        </xsl:otherwise>
      </xsl:choose>
    </a>
  </xsl:template>

  <xsl:template name="brand-tagline">
    <xsl:variable name="has">
      <xsl:call-template name="has-msg"><xsl:with-param name="k" select="'brand.tagline'"/></xsl:call-template>
    </xsl:variable>
    <xsl:if test="$has = '1'">
      <span class="brand-tagline">
        <xsl:call-template name="t"><xsl:with-param name="k" select="'brand.tagline'"/></xsl:call-template>
      </span>
    </xsl:if>
  </xsl:template>

  <xsl:template name="footer-extra"/>

  <!-- Signed-in member: their name as text (model: <user><name>…</name></user>). -->
  <xsl:template match="user" mode="header">
    <xsl:if test="normalize-space(name) != ''">
      <p class="user-name">
        <span class="user-label">
          <xsl:call-template name="t"><xsl:with-param name="k" select="'user.signed-in'"/></xsl:call-template>
        </span>
        <xsl:value-of select="name"/>
      </p>
    </xsl:if>
  </xsl:template>

  <!--
    Language switch (CORE-22), no JavaScript.  Signed out: a plain link,
    GET /lang?to=<ja|en>&next=<local path>, which remembers the choice in
    a cookie.  Signed in: a one-button form, POST /lang with the session's
    CSRF token, which also stores the choice with the account (a GET may
    change nothing, CORE-11; and the account's language wins over the
    cookie, so a link alone would do nothing).  Either way the C side
    redirects to "next" (which it checks is a local path).  The label is
    written in the target language so that a reader of that language finds it.
  -->
  <xsl:template name="lang-switch">
    <xsl:variable name="path">
      <xsl:choose>
        <!-- Local paths only ("//host" would be another site); the C side checks again. -->
        <xsl:when test="starts-with(/page/@path, '/') and not(starts-with(/page/@path, '//'))">
          <xsl:value-of select="/page/@path"/>
        </xsl:when>
        <xsl:otherwise>/</xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:variable name="label">
      <xsl:call-template name="t">
        <xsl:with-param name="k" select="concat('lang.', $other-lang)"/>
      </xsl:call-template>
    </xsl:variable>
    <xsl:choose>
      <xsl:when test="/page/user/@csrf">
        <form class="lang-switch" method="post" action="/lang">
          <input type="hidden" name="csrf" value="{/page/user/@csrf}"/>
          <input type="hidden" name="to" value="{$other-lang}"/>
          <input type="hidden" name="next" value="{$path}"/>
          <button type="submit" lang="{$other-lang}"><xsl:value-of select="$label"/></button>
        </form>
      </xsl:when>
      <xsl:otherwise>
        <p class="lang-switch">
          <a href="/lang?to={$other-lang}&amp;next={str:encode-uri($path, true())}"
             lang="{$other-lang}" hreflang="{$other-lang}">
            <xsl:value-of select="$label"/>
          </a>
        </p>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!--
    The fixed menu (CORE-21).  Items come from the model in order:
      <item key="menu.dashboard" href="/dashboard" current="1"/>
    Optional: disabled="1" (shown, not a link; CORE-18 explains why in a
    <note key="…"/> or <note>text</note>), method="post" (rendered as a
    one-button form carrying the session CSRF token /page/user/@csrf; used
    for logout so that it is never a GET).
    Small screens: the list wraps into rows of large buttons and sticks to
    the top; wide screens: a sticky column on the left, as in the seed's
    「画面左側のメニュー」.  No JavaScript.
  -->
  <xsl:template match="menu">
    <xsl:if test="item">
      <nav class="site-menu">
        <xsl:attribute name="aria-label">
          <xsl:call-template name="t"><xsl:with-param name="k" select="'menu.label'"/></xsl:call-template>
        </xsl:attribute>
        <ul class="menu-list">
          <xsl:apply-templates select="item"/>
        </ul>
      </nav>
    </xsl:if>
  </xsl:template>

  <xsl:template match="menu/item">
    <xsl:variable name="label">
      <xsl:call-template name="t"><xsl:with-param name="k" select="@key"/></xsl:call-template>
    </xsl:variable>
    <li class="menu-item m-{translate(@key, '.', '-')}">
      <xsl:choose>
        <xsl:when test="@disabled = '1'">
          <span class="menu-link menu-disabled" aria-disabled="true">
            <xsl:value-of select="$label"/>
          </span>
        </xsl:when>
        <xsl:when test="@method = 'post'">
          <form class="menu-form" method="post" action="{@href}">
            <input type="hidden" name="csrf" value="{/page/user/@csrf}"/>
            <button type="submit" class="menu-link"><xsl:value-of select="$label"/></button>
          </form>
        </xsl:when>
        <xsl:otherwise>
          <a class="menu-link" href="{@href}">
            <xsl:if test="@current = '1'">
              <xsl:attribute name="aria-current">page</xsl:attribute>
            </xsl:if>
            <xsl:value-of select="$label"/>
          </a>
        </xsl:otherwise>
      </xsl:choose>
      <xsl:apply-templates select="note" mode="menu"/>
    </li>
  </xsl:template>

  <xsl:template match="note" mode="menu">
    <span class="menu-note">
      <xsl:choose>
        <xsl:when test="@key">
          <xsl:call-template name="t">
            <xsl:with-param name="k" select="@key"/>
            <xsl:with-param name="arg" select="string(@arg)"/>
          </xsl:call-template>
        </xsl:when>
        <xsl:otherwise><xsl:value-of select="."/></xsl:otherwise>
      </xsl:choose>
    </span>
  </xsl:template>

  <!--
    Flash messages after a redirect (e.g. 「ログアウトしました」):
      <messages><message key="…" kind="info|success|warning"/></messages>
  -->
  <xsl:template match="messages">
    <xsl:for-each select="message">
      <xsl:variable name="kind">
        <xsl:choose>
          <xsl:when test="@kind = 'success' or @kind = 'warning'"><xsl:value-of select="@kind"/></xsl:when>
          <xsl:otherwise>info</xsl:otherwise>
        </xsl:choose>
      </xsl:variable>
      <div class="flash flash-{$kind}" role="status">
        <xsl:call-template name="t">
          <xsl:with-param name="k" select="@key"/>
          <xsl:with-param name="arg" select="@arg"/>
        </xsl:call-template>
      </div>
    </xsl:for-each>
  </xsl:template>

</xsl:stylesheet>
