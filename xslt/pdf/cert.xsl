<?xml version="1.0" encoding="UTF-8"?>
<!--
  cert.xsl - verifiable certificates (issue 9 item 7, src/pdf/): the public
  check page /verify/<code> and the tenant admins' list and revocation.
  Included by xslt/shikaku.xsl.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform">

  <!--
    /verify/<code>: 有効 / 期限切れ / 失効 with what the certificate says,
    or the one neutral sentence for anything else.
  -->
  <xsl:template match="page[@name = 'cert-verify']" mode="content">
    <xsl:variable name="v" select="content/verify"/>
    <h1><xsl:apply-templates select="." mode="title"/></h1>
    <xsl:choose>
      <xsl:when test="$v/certificate">
        <p class="cert-state cert-state-{$v/@state}">
          <strong><xsl:call-template name="t"><xsl:with-param name="k" select="concat('cert.state.', $v/@state)"/></xsl:call-template></strong>
        </p>
        <p><xsl:call-template name="t"><xsl:with-param name="k" select="'cert.verify.lead'"/></xsl:call-template></p>
        <xsl:apply-templates select="$v/certificate" mode="cert-facts"/>
      </xsl:when>
      <xsl:otherwise>
        <p class="cert-state cert-state-unknown">
          <strong><xsl:call-template name="t"><xsl:with-param name="k" select="'cert.verify.unknown'"/></xsl:call-template></strong>
        </p>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- What a certificate says, as a definition list. -->
  <xsl:template match="certificate" mode="cert-facts">
    <dl class="recruit-facts">
      <dt><xsl:call-template name="t"><xsl:with-param name="k" select="'cert.holder'"/></xsl:call-template></dt>
      <dd><xsl:value-of select="holder"/></dd>
      <dt><xsl:call-template name="t"><xsl:with-param name="k" select="'cert.kind'"/></xsl:call-template></dt>
      <dd><xsl:call-template name="t"><xsl:with-param name="k" select="@kind"/></xsl:call-template></dd>
      <dt><xsl:call-template name="t"><xsl:with-param name="k" select="'cert.number'"/></xsl:call-template></dt>
      <dd><xsl:value-of select="@number"/></dd>
      <dt><xsl:call-template name="t"><xsl:with-param name="k" select="'cert.issued'"/></xsl:call-template></dt>
      <dd><xsl:call-template name="date"><xsl:with-param name="d" select="@issued"/></xsl:call-template></dd>
      <dt><xsl:call-template name="t"><xsl:with-param name="k" select="'cert.expires'"/></xsl:call-template></dt>
      <dd>
        <xsl:choose>
          <xsl:when test="@expires"><xsl:call-template name="date"><xsl:with-param name="d" select="@expires"/></xsl:call-template></xsl:when>
          <xsl:otherwise><xsl:call-template name="t"><xsl:with-param name="k" select="'cert.expires-none'"/></xsl:call-template></xsl:otherwise>
        </xsl:choose>
      </dd>
      <dt><xsl:call-template name="t"><xsl:with-param name="k" select="'cert.issuer'"/></xsl:call-template></dt>
      <dd><xsl:value-of select="$site-name"/></dd>
      <xsl:if test="@code">
        <dt><xsl:call-template name="t"><xsl:with-param name="k" select="'cert.code'"/></xsl:call-template></dt>
        <dd><code><xsl:value-of select="@code"/></code></dd>
      </xsl:if>
      <xsl:if test="@revoked-at">
        <dt><xsl:call-template name="t"><xsl:with-param name="k" select="'cert.revoked-at'"/></xsl:call-template></dt>
        <dd><xsl:value-of select="@revoked-at"/></dd>
        <dt><xsl:call-template name="t"><xsl:with-param name="k" select="'cert.revoke-reason'"/></xsl:call-template></dt>
        <dd><xsl:value-of select="revoke-reason"/></dd>
      </xsl:if>
    </dl>
  </xsl:template>

  <!-- The member's certificates on 現在の状況 (apply/dashboard.xsl; cert_member_model()). -->
  <xsl:template match="certificates" mode="dashboard-part">
    <section class="cert-dashboard" aria-labelledby="cert-dash-title">
      <h2 id="cert-dash-title"><xsl:call-template name="t"><xsl:with-param name="k" select="'cert.dashboard.title'"/></xsl:call-template></h2>
      <ul class="cert-list">
        <xsl:for-each select="certificate">
          <li>
            <strong><xsl:call-template name="t"><xsl:with-param name="k" select="@kind"/></xsl:call-template></strong>
            <xsl:value-of select="concat(' ', @number, ' ')"/>
            <xsl:text>（</xsl:text>
            <xsl:call-template name="t"><xsl:with-param name="k" select="concat('cert.state.', @state)"/></xsl:call-template>
            <xsl:text>）</xsl:text>
            <xsl:text> </xsl:text>
            <a class="btn btn-secondary" href="{@href}"><xsl:call-template name="t"><xsl:with-param name="k" select="'cert.download'"/></xsl:call-template></a>
            <xsl:text> </xsl:text>
            <a href="{@verify}"><xsl:call-template name="t"><xsl:with-param name="k" select="'cert.verify-link'"/></xsl:call-template></a>
          </li>
        </xsl:for-each>
      </ul>
    </section>
  </xsl:template>

  <!-- /admin/certificates: search and list. -->
  <xsl:template match="page[@name = 'admin-certificates']" mode="content">
    <h1><xsl:apply-templates select="." mode="title"/></h1>
    <xsl:apply-templates select="form[@id = 'cert-search']"/>
    <xsl:choose>
      <xsl:when test="content/certificates/certificate">
        <div class="table-wrap">
          <table class="data">
            <thead>
              <tr>
                <th scope="col"><xsl:call-template name="t"><xsl:with-param name="k" select="'cert.number'"/></xsl:call-template></th>
                <th scope="col"><xsl:call-template name="t"><xsl:with-param name="k" select="'cert.holder'"/></xsl:call-template></th>
                <th scope="col"><xsl:call-template name="t"><xsl:with-param name="k" select="'cert.kind'"/></xsl:call-template></th>
                <th scope="col"><xsl:call-template name="t"><xsl:with-param name="k" select="'cert.issued'"/></xsl:call-template></th>
                <th scope="col"><xsl:call-template name="t"><xsl:with-param name="k" select="'cert.expires'"/></xsl:call-template></th>
                <th scope="col"><xsl:call-template name="t"><xsl:with-param name="k" select="'cert.state'"/></xsl:call-template></th>
              </tr>
            </thead>
            <tbody>
              <xsl:for-each select="content/certificates/certificate">
                <tr>
                  <td><a href="{@href}"><xsl:value-of select="@number"/></a></td>
                  <td><xsl:value-of select="holder"/></td>
                  <td><xsl:call-template name="t"><xsl:with-param name="k" select="@kind"/></xsl:call-template></td>
                  <td><xsl:value-of select="@issued"/></td>
                  <td><xsl:value-of select="@expires"/></td>
                  <td><xsl:call-template name="t"><xsl:with-param name="k" select="concat('cert.state.', @state)"/></xsl:call-template></td>
                </tr>
              </xsl:for-each>
            </tbody>
          </table>
        </div>
      </xsl:when>
      <xsl:otherwise>
        <p class="empty"><xsl:call-template name="t"><xsl:with-param name="k" select="'cert.none'"/></xsl:call-template></p>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- /admin/certificates/<id>: one certificate, revoke with a reason. -->
  <xsl:template match="page[@name = 'admin-certificate']" mode="content">
    <xsl:variable name="c" select="content/certificate"/>
    <h1><xsl:apply-templates select="." mode="title"/></h1>
    <p class="cert-state cert-state-{$c/@state}">
      <strong><xsl:call-template name="t"><xsl:with-param name="k" select="concat('cert.state.', $c/@state)"/></xsl:call-template></strong>
    </p>
    <xsl:apply-templates select="$c" mode="cert-facts"/>
    <p><a href="{$c/@verify}"><xsl:value-of select="$c/@verify"/></a></p>
    <xsl:if test="form[@id = 'cert-revoke']">
      <h2><xsl:call-template name="t"><xsl:with-param name="k" select="'cert.revoke.title'"/></xsl:call-template></h2>
      <p class="field-hint"><xsl:call-template name="t"><xsl:with-param name="k" select="'cert.revoke.note'"/></xsl:call-template></p>
      <xsl:apply-templates select="form[@id = 'cert-revoke']"/>
    </xsl:if>
    <p><a href="/admin/certificates"><xsl:call-template name="t"><xsl:with-param name="k" select="'cert.back'"/></xsl:call-template></a></p>
  </xsl:template>

</xsl:stylesheet>
