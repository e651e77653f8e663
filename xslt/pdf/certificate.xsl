<?xml version="1.0" encoding="UTF-8"?>
<!--
  certificate.xsl - the certificate PDF (issue 9 item 7) from the model of
  /certificate/<id>.pdf (src/pdf/cert.c): number, holder, kind, dates,
  issuer (the tenant), the verification code in groups of four and the QR
  code of https://<tenant host>/verify/<code>.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform">

  <xsl:include href="print.xsl"/>

  <xsl:template match="/">
    <xsl:variable name="c" select="/page/content/certificate"/>
    <xsl:variable name="kind">
      <xsl:call-template name="t"><xsl:with-param name="k" select="$c/@kind"/></xsl:call-template>
    </xsl:variable>
    <print title="{$kind} {$c/@number}">
      <space mm="12"/>
      <title><xsl:call-template name="t"><xsl:with-param name="k" select="'cert.title'"/></xsl:call-template></title>
      <paragraph align="center" size="11">
        <xsl:call-template name="t"><xsl:with-param name="k" select="'cert.number'"/></xsl:call-template>
        <xsl:value-of select="concat(' ', $c/@number)"/>
      </paragraph>
      <space mm="12"/>
      <paragraph align="center" size="24" font="serif" weight="bold">
        <xsl:call-template name="t">
          <xsl:with-param name="k" select="'cert.pdf.holder'"/>
          <xsl:with-param name="arg" select="$c/holder"/>
        </xsl:call-template>
      </paragraph>
      <space mm="6"/>
      <paragraph align="center" size="13">
        <xsl:call-template name="t">
          <xsl:with-param name="k" select="'cert.pdf.body'"/>
          <xsl:with-param name="arg" select="$kind"/>
        </xsl:call-template>
      </paragraph>
      <space mm="8"/>
      <kv>
        <xsl:call-template name="kv-row">
          <xsl:with-param name="k" select="'cert.kind'"/>
          <xsl:with-param name="v" select="$kind"/>
        </xsl:call-template>
        <xsl:call-template name="kv-row">
          <xsl:with-param name="k" select="'cert.issued'"/>
          <xsl:with-param name="v"><xsl:call-template name="date"><xsl:with-param name="d" select="$c/@issued"/></xsl:call-template></xsl:with-param>
        </xsl:call-template>
        <xsl:call-template name="kv-row">
          <xsl:with-param name="k" select="'cert.expires'"/>
          <xsl:with-param name="v">
            <xsl:choose>
              <xsl:when test="$c/@expires"><xsl:call-template name="date"><xsl:with-param name="d" select="$c/@expires"/></xsl:call-template></xsl:when>
              <xsl:otherwise><xsl:call-template name="t"><xsl:with-param name="k" select="'cert.expires-none'"/></xsl:call-template></xsl:otherwise>
            </xsl:choose>
          </xsl:with-param>
        </xsl:call-template>
        <xsl:call-template name="kv-row">
          <xsl:with-param name="k" select="'cert.issuer'"/>
          <xsl:with-param name="v" select="$site-name"/>
        </xsl:call-template>
      </kv>
      <space mm="6"/>
      <qr size="34"><xsl:value-of select="$c/@url"/></qr>
      <paragraph align="center" size="9">
        <xsl:call-template name="t"><xsl:with-param name="k" select="'cert.code'"/></xsl:call-template>
      </paragraph>
      <paragraph align="center" size="12" font="mono"><xsl:value-of select="$c/@code"/></paragraph>
      <paragraph align="center" size="8.5">
        <xsl:call-template name="t"><xsl:with-param name="k" select="'cert.pdf.verify'"/></xsl:call-template>
      </paragraph>
      <paragraph align="center" size="8.5" font="mono"><xsl:value-of select="$c/@url"/></paragraph>
    </print>
  </xsl:template>

</xsl:stylesheet>
