<?xml version="1.0" encoding="UTF-8"?>
<!--
  print.xsl - what every print stylesheet shares (CORE-20, src/pdf/pdf.h):
  the display language, the site's name, messages (core/i18n.xsl) and the
  $draft parameter (pdf_render()'s PDF_DRAFT).  A print stylesheet turns a
  page's own model into the print vocabulary:
    <print title=""> title heading paragraph kv table qr space pagebreak mark
  and the layout engine (src/pdf/pdf.c) does the rest.  Include it with
  <xsl:include href="…/pdf/print.xsl"/>.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform">

  <xsl:output method="xml" encoding="UTF-8" indent="no"/>
  <xsl:strip-space elements="*"/>

  <!-- '1' for a draft: the stylesheet may add its own <mark>. -->
  <xsl:param name="draft" select="'0'"/>

  <xsl:variable name="lang">
    <xsl:choose>
      <xsl:when test="/page/@lang = 'en'">en</xsl:when>
      <xsl:otherwise>ja</xsl:otherwise>
    </xsl:choose>
  </xsl:variable>

  <xsl:variable name="site-name">
    <xsl:choose>
      <xsl:when test="/page/site/name[@lang = $lang]">
        <xsl:value-of select="/page/site/name[@lang = $lang][1]"/>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="/page/site/name[1]"/></xsl:otherwise>
    </xsl:choose>
  </xsl:variable>

  <xsl:include href="../core/i18n.xsl"/>

  <!-- A key/value row whose key is a message key. -->
  <xsl:template name="kv-row">
    <xsl:param name="k"/>
    <xsl:param name="v"/>
    <row>
      <k><xsl:call-template name="t"><xsl:with-param name="k" select="$k"/></xsl:call-template></k>
      <v><xsl:value-of select="$v"/></v>
    </row>
  </xsl:template>

</xsl:stylesheet>
