<?xml version="1.0" encoding="UTF-8"?>
<!--
  cme-certificate.xsl - the 修了証 of 「かかりつけ医機能報告制度にかかる研修」
  (issue 13, CME-9, seed 004 section 4) from the model of
  /cme/certificate/<id>.pdf (src/feature/cme/cme_pages.c, the platform's
  cert_pdf_page()): A4, Japanese, the holder, the course, the number and
  dates, the issuer (the tenant), the verification code in groups of four
  and the QR code of https://<tenant host>/verify/<code>.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform">

  <xsl:include href="print.xsl"/>

  <xsl:template match="/">
    <xsl:variable name="c" select="/page/content/certificate"/>
    <xsl:variable name="course">
      <xsl:call-template name="t"><xsl:with-param name="k" select="'cme.field.course.kakari'"/></xsl:call-template>
    </xsl:variable>
    <print title="{$c/@number}">
      <space mm="10"/>
      <title><xsl:call-template name="t"><xsl:with-param name="k" select="'cme.pdf.title'"/></xsl:call-template></title>
      <paragraph align="right" size="10.5">
        <xsl:call-template name="t"><xsl:with-param name="k" select="'cme.pdf.number'"/></xsl:call-template>
        <xsl:value-of select="concat(' ', $c/@number)"/>
      </paragraph>
      <space mm="14"/>
      <paragraph align="center" size="24" font="serif" weight="bold">
        <xsl:call-template name="t">
          <xsl:with-param name="k" select="'cert.pdf.holder'"/>
          <xsl:with-param name="arg" select="$c/holder"/>
        </xsl:call-template>
      </paragraph>
      <space mm="10"/>
      <paragraph align="center" size="14">
        <xsl:call-template name="t">
          <xsl:with-param name="k" select="'cme.pdf.body'"/>
          <xsl:with-param name="arg" select="$course"/>
        </xsl:call-template>
      </paragraph>
      <space mm="10"/>
      <kv>
        <xsl:call-template name="kv-row">
          <xsl:with-param name="k" select="'cme.field.course'"/>
          <xsl:with-param name="v" select="$course"/>
        </xsl:call-template>
        <xsl:call-template name="kv-row">
          <xsl:with-param name="k" select="'cme.pdf.issued'"/>
          <xsl:with-param name="v"><xsl:call-template name="date"><xsl:with-param name="d" select="$c/@issued"/></xsl:call-template></xsl:with-param>
        </xsl:call-template>
        <xsl:call-template name="kv-row">
          <xsl:with-param name="k" select="'cert.issuer'"/>
          <xsl:with-param name="v" select="$site-name"/>
        </xsl:call-template>
      </kv>
      <space mm="10"/>
      <qr size="34"><xsl:value-of select="$c/@url"/></qr>
      <paragraph align="center" size="9">
        <xsl:call-template name="t"><xsl:with-param name="k" select="'cert.code'"/></xsl:call-template>
      </paragraph>
      <paragraph align="center" size="12" font="mono"><xsl:value-of select="$c/@code"/></paragraph>
      <paragraph align="center" size="8.5">
        <xsl:call-template name="t"><xsl:with-param name="k" select="'cme.pdf.verify'"/></xsl:call-template>
      </paragraph>
      <paragraph align="center" size="8.5" font="mono"><xsl:value-of select="$c/@url"/></paragraph>
    </print>
  </xsl:template>

</xsl:stylesheet>
