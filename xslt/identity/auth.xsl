<?xml version="1.0" encoding="UTF-8"?>
<!--
  auth.xsl — sign-in pages (CORE-4, CORE-5, CORE-7, CORE-8), terms of
  use (CORE-23) and kept POSTs (CORE-12): src/login.c, src/terms.c,
  src/kept.c.  The forms are the generic form component; these templates
  add the words around them.  Included by xslt/shikaku.xsl.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:str="http://exslt.org/strings"
    exclude-result-prefixes="str">

  <xsl:template match="page[@name = 'login']" mode="content">
    <h1><xsl:apply-templates select="." mode="title"/></h1>
    <p class="lead">
      <xsl:call-template name="t">
        <xsl:with-param name="k" select="concat('login.intro.', content/@login-id)"/>
      </xsl:call-template>
    </p>
    <xsl:apply-templates select="form"/>
    <xsl:if test="site/@slug != 'ops'">
      <p class="form-links">
        <a href="/password/temp">
          <xsl:call-template name="t"><xsl:with-param name="k" select="'login.forgot'"/></xsl:call-template>
        </a>
      </p>
    </xsl:if>
  </xsl:template>

  <xsl:template match="page[@name = 'login-totp']" mode="content">
    <h1><xsl:apply-templates select="." mode="title"/></h1>
    <p class="lead">
      <xsl:call-template name="t"><xsl:with-param name="k" select="'login.totp.intro'"/></xsl:call-template>
    </p>
    <xsl:apply-templates select="form"/>
  </xsl:template>


  <!-- パスワード再設定 (CORE-8): the same words whether or not an account matched. -->
  <xsl:template match="page[@name = 'password-temp']" mode="content">
    <h1><xsl:apply-templates select="." mode="title"/></h1>
    <xsl:choose>
      <xsl:when test="content/@sent = '1'">
        <div class="notice notice-success" role="status">
          <p><xsl:call-template name="t"><xsl:with-param name="k" select="'temp.sent'"/></xsl:call-template></p>
        </div>
        <p><a href="/login"><xsl:call-template name="t"><xsl:with-param name="k" select="'menu.login'"/></xsl:call-template></a></p>
      </xsl:when>
      <xsl:otherwise>
        <p class="lead"><xsl:call-template name="t"><xsl:with-param name="k" select="'temp.intro'"/></xsl:call-template></p>
        <xsl:apply-templates select="form"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The mailed reset link (CORE-8): the form, or why there is none. -->
  <xsl:template match="page[@name = 'password-reset']" mode="content">
    <h1><xsl:apply-templates select="." mode="title"/></h1>
    <xsl:choose>
      <xsl:when test="content/@state = 'form'">
        <p class="lead"><xsl:call-template name="t"><xsl:with-param name="k" select="'reset.intro'"/></xsl:call-template></p>
        <xsl:apply-templates select="form"/>
      </xsl:when>
      <xsl:when test="content/@state = 'done'">
        <div class="notice notice-success" role="status">
          <p><xsl:call-template name="t"><xsl:with-param name="k" select="'reset.done'"/></xsl:call-template></p>
        </div>
        <p><a href="/login"><xsl:call-template name="t"><xsl:with-param name="k" select="'menu.login'"/></xsl:call-template></a></p>
      </xsl:when>
      <xsl:otherwise>
        <div class="notice notice-warning" role="alert">
          <p><xsl:call-template name="t"><xsl:with-param name="k" select="concat('reset.', content/@state)"/></xsl:call-template></p>
        </div>
        <p><a href="/password/temp"><xsl:call-template name="t"><xsl:with-param name="k" select="'reset.again'"/></xsl:call-template></a></p>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>


  <!-- Terms of use (CORE-23): the text keeps its line breaks. -->
  <xsl:template match="page[@name = 'terms']" mode="content">
    <h1><xsl:apply-templates select="." mode="title"/></h1>
    <xsl:choose>
      <xsl:when test="content/terms/@version">
        <p class="meta">
          <xsl:call-template name="t">
            <xsl:with-param name="k" select="'terms.version'"/>
            <xsl:with-param name="arg" select="content/terms/@version"/>
          </xsl:call-template>
          <xsl:text> </xsl:text>
          <xsl:call-template name="date"><xsl:with-param name="d" select="content/terms/@published"/></xsl:call-template>
        </p>
        <xsl:if test="form">
          <p class="lead"><xsl:call-template name="t"><xsl:with-param name="k" select="'terms.accept.intro'"/></xsl:call-template></p>
        </xsl:if>
        <div class="terms-body">
          <xsl:for-each select="str:tokenize(string(content/terms/body), '&#10;')">
            <p><xsl:value-of select="."/></p>
          </xsl:for-each>
        </div>
        <xsl:apply-templates select="form"/>
      </xsl:when>
      <xsl:otherwise>
        <p><xsl:call-template name="t"><xsl:with-param name="k" select="'terms.none'"/></xsl:call-template></p>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>


  <!--
    CORE-12: what a member's refused POSTs carried, to send again: for
    each, the typed values by their labels, then its form (the values
    hidden, an input for each secret to type again).
  -->
  <xsl:template match="page[@name = 'kept']" mode="content">
    <h1><xsl:apply-templates select="." mode="title"/></h1>
    <xsl:choose>
      <xsl:when test="content/kept">
        <p class="lead"><xsl:call-template name="t"><xsl:with-param name="k" select="'kept.intro'"/></xsl:call-template></p>
        <xsl:for-each select="content/kept">
          <section class="kept">
            <xsl:if test="kept-field">
              <dl class="kept-fields">
                <xsl:for-each select="kept-field">
                  <dt><xsl:call-template name="t"><xsl:with-param name="k" select="@key"/></xsl:call-template></dt>
                  <dd><xsl:value-of select="value"/></dd>
                </xsl:for-each>
              </dl>
            </xsl:if>
            <xsl:if test="@files = '1'">
              <p class="notice notice-warning"><xsl:call-template name="t"><xsl:with-param name="k" select="'kept.files'"/></xsl:call-template></p>
            </xsl:if>
            <xsl:apply-templates select="/page/form[@id = concat('kept-', current()/@n)]"/>
          </section>
        </xsl:for-each>
      </xsl:when>
      <xsl:otherwise>
        <p><xsl:call-template name="t"><xsl:with-param name="k" select="'kept.none'"/></xsl:call-template></p>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

</xsl:stylesheet>
