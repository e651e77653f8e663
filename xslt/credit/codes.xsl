<?xml version="1.0" encoding="UTF-8"?>
<!--
  codes.xsl - the tenant admin's curriculum codes (src/credit/
  credit_codes.c): the list and one code's form.  Included by
  xslt/shikaku.xsl; messages credit.codes.* in i18n/*-credit.xml.

  Models:
    credit-codes  <credit-codes count><code code name credits/>…</credit-codes>
    credit-code   <credit-code code/>, the generic form
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform">

  <xsl:template match="page[@name = 'credit-codes']" mode="title">
    <xsl:call-template name="t"><xsl:with-param name="k" select="'credit.menu.codes'"/></xsl:call-template>
  </xsl:template>
  <xsl:template match="page[@name = 'credit-code']" mode="title">
    <xsl:choose>
      <xsl:when test="content/credit-code/@code != ''"><xsl:call-template name="t"><xsl:with-param name="k" select="'credit.codes.edit'"/></xsl:call-template></xsl:when>
      <xsl:otherwise><xsl:call-template name="t"><xsl:with-param name="k" select="'credit.codes.new'"/></xsl:call-template></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="page[@name = 'credit-codes']" mode="content">
    <xsl:variable name="l" select="content/credit-codes"/>
    <h1><xsl:apply-templates select="." mode="title"/></h1>
    <p class="lead"><xsl:call-template name="t"><xsl:with-param name="k" select="'credit.codes.intro'"/></xsl:call-template></p>
    <p>
      <a class="btn btn-primary" href="/admin/credit/codes/new"><xsl:call-template name="t"><xsl:with-param name="k" select="'credit.codes.new'"/></xsl:call-template></a>
      <xsl:text> </xsl:text>
      <a class="btn btn-secondary" href="/admin/credit/codes/import"><xsl:call-template name="t"><xsl:with-param name="k" select="'title.credit-codes-import'"/></xsl:call-template></a>
    </p>
    <p><xsl:call-template name="t"><xsl:with-param name="k" select="'credit.codes.count'"/><xsl:with-param name="arg" select="$l/@count"/></xsl:call-template></p>
    <div class="table-wrap">
      <table class="data stack credit-codes">
        <thead><tr>
          <th scope="col"><xsl:call-template name="t"><xsl:with-param name="k" select="'credit.codes.code'"/></xsl:call-template></th>
          <th scope="col"><xsl:call-template name="t"><xsl:with-param name="k" select="'credit.codes.name'"/></xsl:call-template></th>
          <th scope="col" class="num"><xsl:call-template name="t"><xsl:with-param name="k" select="'credit.codes.credits'"/></xsl:call-template></th>
        </tr></thead>
        <tbody>
          <xsl:variable name="l-code"><xsl:call-template name="t"><xsl:with-param name="k" select="'credit.codes.code'"/></xsl:call-template></xsl:variable>
          <xsl:variable name="l-name"><xsl:call-template name="t"><xsl:with-param name="k" select="'credit.codes.name'"/></xsl:call-template></xsl:variable>
          <xsl:variable name="l-credits"><xsl:call-template name="t"><xsl:with-param name="k" select="'credit.codes.credits'"/></xsl:call-template></xsl:variable>
          <xsl:for-each select="$l/code">
            <tr>
              <td data-label="{$l-code}"><a href="/admin/credit/codes/{@code}"><xsl:value-of select="@code"/></a></td>
              <td data-label="{$l-name}"><xsl:value-of select="@name"/></td>
              <td class="num" data-label="{$l-credits}"><xsl:value-of select="@credits"/></td>
            </tr>
          </xsl:for-each>
        </tbody>
      </table>
    </div>
  </xsl:template>

  <xsl:template match="page[@name = 'credit-code']" mode="content">
    <h1><xsl:apply-templates select="." mode="title"/></h1>
    <p class="hint"><xsl:call-template name="t"><xsl:with-param name="k" select="'credit.codes.hint'"/></xsl:call-template></p>
    <xsl:apply-templates select="form"/>
    <p><a href="/admin/credit/codes"><xsl:call-template name="t"><xsl:with-param name="k" select="'credit.menu.codes'"/></xsl:call-template></a></p>
  </xsl:template>

</xsl:stylesheet>
