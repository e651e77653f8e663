<?xml version="1.0" encoding="UTF-8"?>
<!--
  auth.xsl — sign-in pages (CORE-4, CORE-5, CORE-7).  The forms are the
  generic form component; these templates add the words around them.
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

  <!-- The tenant admin's console (ADM-1). -->
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

  <xsl:template match="page[@name = 'admin']" mode="content">
    <h1><xsl:apply-templates select="." mode="title"/></h1>
    <ul class="link-cards">
      <li class="link-card"><a class="link-card-link" href="/admin/unlock"><xsl:call-template name="t"><xsl:with-param name="k" select="'title.admin-unlock'"/></xsl:call-template></a></li>
      <li class="link-card"><a class="link-card-link" href="/admin/audit"><xsl:call-template name="t"><xsl:with-param name="k" select="'title.admin-audit'"/></xsl:call-template></a></li>
      <li class="link-card"><a class="link-card-link" href="/admin/outbox"><xsl:call-template name="t"><xsl:with-param name="k" select="'title.admin-outbox'"/></xsl:call-template></a></li>
    </ul>
  </xsl:template>

  <xsl:template match="page[@name = 'admin-unlock']" mode="content">
    <h1><xsl:apply-templates select="." mode="title"/></h1>
    <p class="lead"><xsl:call-template name="t"><xsl:with-param name="k" select="'unlock.intro'"/></xsl:call-template></p>
    <xsl:apply-templates select="form"/>
  </xsl:template>

  <xsl:template match="page[@name = 'admin-audit']" mode="content">
    <h1><xsl:apply-templates select="." mode="title"/></h1>
    <div class="table-wrap">
      <table class="data">
        <thead>
          <tr>
            <th scope="col"><xsl:call-template name="t"><xsl:with-param name="k" select="'audit.at'"/></xsl:call-template></th>
            <xsl:if test="site/@slug = 'ops'">
              <th scope="col"><xsl:call-template name="t"><xsl:with-param name="k" select="'audit.tenant'"/></xsl:call-template></th>
            </xsl:if>
            <th scope="col"><xsl:call-template name="t"><xsl:with-param name="k" select="'audit.actor'"/></xsl:call-template></th>
            <th scope="col"><xsl:call-template name="t"><xsl:with-param name="k" select="'audit.action'"/></xsl:call-template></th>
            <th scope="col"><xsl:call-template name="t"><xsl:with-param name="k" select="'audit.object'"/></xsl:call-template></th>
            <th scope="col"><xsl:call-template name="t"><xsl:with-param name="k" select="'audit.ip'"/></xsl:call-template></th>
          </tr>
        </thead>
        <tbody>
          <xsl:for-each select="content/audit/entry">
            <tr>
              <td><xsl:value-of select="@at"/></td>
              <xsl:if test="/page/site/@slug = 'ops'"><td><code><xsl:value-of select="@tenant"/></code></td></xsl:if>
              <td><code><xsl:value-of select="@actor"/></code></td>
              <td><code><xsl:value-of select="@action"/></code></td>
              <td><xsl:value-of select="@object"/></td>
              <td><xsl:value-of select="@ip"/></td>
            </tr>
          </xsl:for-each>
        </tbody>
      </table>
    </div>
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


  <!-- CORE-14: the tenant's mail, with a resend button per message. -->
  <xsl:template match="page[@name = 'admin-outbox']" mode="content">
    <h1><xsl:apply-templates select="." mode="title"/></h1>
    <div class="table-wrap">
      <table class="data">
        <thead>
          <tr>
            <th scope="col"><xsl:call-template name="t"><xsl:with-param name="k" select="'audit.at'"/></xsl:call-template></th>
            <th scope="col"><xsl:call-template name="t"><xsl:with-param name="k" select="'outbox.rcpt'"/></xsl:call-template></th>
            <th scope="col"><xsl:call-template name="t"><xsl:with-param name="k" select="'outbox.subject'"/></xsl:call-template></th>
            <th scope="col"><xsl:call-template name="t"><xsl:with-param name="k" select="'outbox.state'"/></xsl:call-template></th>
            <th scope="col"><span class="visually-hidden"><xsl:call-template name="t"><xsl:with-param name="k" select="'btn.resend-mail'"/></xsl:call-template></span></th>
          </tr>
        </thead>
        <tbody>
          <xsl:for-each select="content/outbox/mail">
            <tr>
              <td><xsl:value-of select="@created"/></td>
              <td><xsl:value-of select="@rcpt"/></td>
              <td><xsl:value-of select="subject"/></td>
              <td>
                <xsl:call-template name="t"><xsl:with-param name="k" select="concat('outbox.state.', @state)"/></xsl:call-template>
                <xsl:if test="@sent != ''"><xsl:text> </xsl:text><xsl:value-of select="@sent"/></xsl:if>
              </td>
              <td>
                <form method="post" action="/admin/outbox" class="inline-form">
                  <input type="hidden" name="csrf" value="{../@csrf}"/>
                  <input type="hidden" name="id" value="{@id}"/>
                  <button type="submit" class="btn btn-secondary"><xsl:call-template name="t"><xsl:with-param name="k" select="'btn.resend-mail'"/></xsl:call-template></button>
                </form>
              </td>
            </tr>
          </xsl:for-each>
        </tbody>
      </table>
    </div>
  </xsl:template>

</xsl:stylesheet>
